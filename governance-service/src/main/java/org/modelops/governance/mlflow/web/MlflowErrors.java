package org.modelops.governance.mlflow.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.governance.mlflow.model.MlflowError;

/** An {@link MlflowError} becomes MLflow's error body with the status MLflow gives its code. */
@Singleton
@Produces
final class MlflowErrors implements ExceptionHandler<MlflowError, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, MlflowError error) {
        return HttpResponse.status(HttpStatus.valueOf(error.code().status())).contentType(MediaType.APPLICATION_JSON)
                .body(body(error.code().name(), error.getMessage()));
    }

    static Map<String, Object> body(String code, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error_code", code);
        body.put("message", message == null ? "" : message);
        return body;
    }
}
