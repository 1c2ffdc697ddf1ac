package org.modelops.governance.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/** Every error the service answers, whoever raised it (Micronaut, security, our own rules), is problem+json. */
@Singleton
@Primary
final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        var status = response.code();
        var cause = context.getRootCause().orElse(null);
        String rule;
        String detail;
        List<FieldViolation> errors = null;
        if (cause instanceof Refusal refusal) {
            rule = refusal.rule();
            detail = refusal.getMessage();
            errors = refusal.violations().isEmpty() ? null : refusal.violations();
        } else if (cause instanceof ConversionErrorException conversion) {
            rule = "invalid-request";
            detail = conversion.getArgument().getName() + ": '" + conversion.getConversionError().getOriginalValue()
                    .map(String::valueOf).orElse("") + "' is not a valid "
                    + conversion.getArgument().getType()
                            .getSimpleName().toLowerCase(Locale.ROOT);
            errors = List.of(new FieldViolation(conversion.getArgument().getName(), "type", detail));
        } else if (cause instanceof DatabaseUnavailable unavailable) {
            rule = "database-unavailable";
            detail = unavailable.getMessage();
        } else if (cause instanceof DatabaseBusy busy) {
            rule = "database-busy";
            detail = busy.getMessage();
        } else if (cause instanceof AuthorizationException denied) {
            rule = denied.isForbidden() ? "forbidden" : "unauthorized";
            detail = denied.isForbidden()
                    ? "Your roles do not allow this action."
                    : "A valid bearer token issued by the modelops realm is required.";
        } else {
            rule = slug(HttpStatus.valueOf(status));
            detail = context.getErrors().isEmpty() ? null : context.getErrors().getFirst().getMessage();
            if (status >= 500) {
                detail = "The service could not complete the request; nothing was changed. Reference: "
                        + context.getRequest().getHeaders().get("X-Request-Id", String.class).orElse("see logs");
            }
        }
        var problem = new Problem("/problems/" + rule, HttpStatus.valueOf(status).getReason(), status, detail,
                context.getRequest().getPath(), errors);
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static String slug(HttpStatus status) {
        return status.getReason().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
