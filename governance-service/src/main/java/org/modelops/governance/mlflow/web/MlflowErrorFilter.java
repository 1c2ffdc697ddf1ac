package org.modelops.governance.mlflow.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;
import org.modelops.governance.mlflow.model.MlflowError.Code;
import org.modelops.governance.web.Problem;

/**
 * Under the MLflow prefixes every error is in MLflow's shape, also those raised before a route runs (401 from
 * authentication, 403 from a role, 404 for an unknown endpoint, 415 for a body that is not JSON): the MLflow client
 * reads {@code error_code} and {@code message}. Statuses follow MLflow: a 415 or 422 is MLflow's 400
 * INVALID_PARAMETER_VALUE.
 */
@ServerFilter({"/api/2.0/mlflow/**", "/ajax-api/2.0/mlflow/**"})
final class MlflowErrorFilter implements Ordered {

    @ResponseFilter
    void inMlflowShape(MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400) {
            return;
        }
        var body = response.getBody().orElse(null);
        if (body instanceof Map<?, ?> map && map.containsKey("error_code")) {
            return;
        }
        var problem = body instanceof Problem found ? found : null;
        var message = problem != null && problem.detail() != null
                ? problem.detail()
                : HttpStatus.valueOf(status).getReason();
        Code code = switch (status) {
            case 400, 413 -> Code.INVALID_PARAMETER_VALUE;
            case 415 -> Code.INVALID_PARAMETER_VALUE;
            case 422 -> Code.INVALID_PARAMETER_VALUE;
            case 401 -> Code.UNAUTHENTICATED;
            case 403 -> Code.PERMISSION_DENIED;
            case 404, 405 -> problem == null || "/problems/not-found".equals(problem.type())
                    || status == 405 ? Code.ENDPOINT_NOT_FOUND : Code.RESOURCE_DOES_NOT_EXIST;
            case 409 -> Code.RESOURCE_CONFLICT;
            case 429 -> Code.REQUEST_LIMIT_EXCEEDED;
            case 503 -> Code.TEMPORARILY_UNAVAILABLE;
            default -> Code.INTERNAL_ERROR;
        };
        if (status == 415) {
            message = "Bad Request. Content-Type must be one of ['application/json'].";
        }
        if (status == 415 || status == 422) {
            response.status(HttpStatus.BAD_REQUEST);
        }
        response.body(MlflowErrors.body(code.name(), message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
