package org.modelops.governance.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;

/**
 * {@code /health} says UP or DOWN to anyone (load balancers, probes); which component failed and why (database
 * details, engine state) only to callers with an operator role ({@code governance.operations.roles}).
 */
@ServerFilter({"/health", "/health/**"})
final class HealthDetailsForOperators {

    private final List<String> operatorRoles;

    HealthDetailsForOperators(@Value("${governance.operations.roles:governance-admin}") List<String> operatorRoles) {
        this.operatorRoles = operatorRoles;
    }

    @ResponseFilter
    void hideDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.body() instanceof HealthResult result && !isOperator(request)) {
            response.body(Map.of("status", result.getStatus().getName()));
        }
    }

    private boolean isOperator(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(caller -> caller.getRoles().stream().anyMatch(operatorRoles::contains)).orElse(false);
    }
}
