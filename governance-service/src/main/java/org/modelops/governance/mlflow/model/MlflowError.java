package org.modelops.governance.mlflow.model;

/**
 * An answer in MLflow's error format, {@code {"error_code": …, "message": …}}, with the HTTP status MLflow gives that
 * code. A governed refusal is always a 4xx: the MLflow client retries every 5xx seven times, POST included.
 */
public final class MlflowError extends RuntimeException {

    public enum Code {
        INVALID_PARAMETER_VALUE(400), RESOURCE_ALREADY_EXISTS(400), RESOURCE_DOES_NOT_EXIST(404), ENDPOINT_NOT_FOUND(
                404), PERMISSION_DENIED(403), UNAUTHENTICATED(401), RESOURCE_CONFLICT(
                        409), REQUEST_LIMIT_EXCEEDED(429), INTERNAL_ERROR(500), TEMPORARILY_UNAVAILABLE(503);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Code code;

    public MlflowError(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    public static MlflowError invalid(String message) {
        return new MlflowError(Code.INVALID_PARAMETER_VALUE, message);
    }

    public static MlflowError missing(String parameter) {
        return invalid("Missing value for required parameter '" + parameter + "'. See the API docs for more"
                + " information about request parameters.");
    }

    public static MlflowError noSuchModel(String name) {
        return new MlflowError(Code.RESOURCE_DOES_NOT_EXIST, "Registered Model with name=" + name + " not found");
    }

    public static MlflowError noSuchVersion(String name, String version) {
        return new MlflowError(Code.RESOURCE_DOES_NOT_EXIST, "Model Version (name=" + name + ", version=" + version
                + ") not found");
    }
}
