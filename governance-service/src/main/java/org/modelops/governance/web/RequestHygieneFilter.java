package org.modelops.governance.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import java.util.ArrayList;
import java.util.stream.Collectors;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * What every request is checked for before a controller sees it, once for all endpoints: path variables and query
 * parameters follow {@link InputHygiene} (a control character is a 400 naming the parameter, never a database error),
 * and a body comes with a {@code Content-Type} (a body without one is 415, as for any other unsupported type; the
 * server would otherwise guess). Runs after authentication, so an anonymous caller still gets 401 first.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestHygieneFilter implements Ordered {

    private final ErrorResponseProcessor<?> problems;

    RequestHygieneFilter(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        var violations = new ArrayList<FieldViolation>();
        var route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route instanceof UriRouteMatch<?, ?> uri) {
            uri.getVariableValues().forEach((name, value) -> violations.addAll(
                    InputHygiene.violations(name, String.valueOf(value))));
        }
        if (violations.isEmpty()) {
            violations.addAll(InputHygiene.violations("path", request.getUri().getPath()));
        }
        request.getParameters().forEach((name, values) -> {
            violations.addAll(InputHygiene.nameViolations(name));
            values.forEach(value -> violations.addAll(InputHygiene.violations(InputHygiene.visible(name), value)));
        });
        if (!violations.isEmpty()) {
            return problems.processResponse(ErrorContext.builder(request).cause(Refusal.invalid(violations)).build(),
                    HttpResponse.status(HttpStatus.BAD_REQUEST));
        }
        if (hasBody(request) && request.getContentType().isEmpty()) {
            var accepted = route instanceof UriRouteMatch<?, ?> uri && !uri.getRouteInfo().getConsumes().isEmpty()
                    ? uri.getRouteInfo().getConsumes().stream().map(MediaType::toString)
                            .collect(Collectors.joining(", "))
                    : MediaType.APPLICATION_JSON;
            return problems.processResponse(ErrorContext.builder(request).errorMessage("The request has a body but no"
                    + " Content-Type header; send it as " + accepted + ".").build(),
                    HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        }
        return null;
    }

    private static boolean hasBody(HttpRequest<?> request) {
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }
}
