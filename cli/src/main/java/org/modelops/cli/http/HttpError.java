package org.modelops.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.modelops.cli.CliException;
import org.modelops.cli.ExitCode;

/**
 * An error answer of the service (RFC 9457 problem+json), of MLflow's API ({@code {"error_code", "message"}}) or of
 * the identity provider ({@code {"error", "error_description"}}), with the exit code its status maps to.
 */
public final class HttpError extends CliException {

    private final int status;
    private final JsonNode body;

    public HttpError(int status, JsonNode body, String what) {
        super(ExitCode.forStatus(status), what + ": " + describe(status, body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** The error body when it was JSON, else null. */
    public JsonNode body() {
        return body;
    }

    /** The problem type ({@code /problems/…}) or MLflow error code, or null. */
    public String type() {
        if (body == null) {
            return null;
        }
        var type = Json.text(body, "type");
        return type != null ? type : Json.text(body, "error_code");
    }

    static String describe(int status, JsonNode body) {
        if (body == null || !body.isObject()) {
            return "HTTP " + status;
        }
        var text = new StringBuilder("HTTP ").append(status);
        var type = Json.text(body, "type");
        if (type == null) {
            type = Json.text(body, "error_code");
        }
        if (type == null) {
            type = Json.text(body, "error");
        }
        if (type != null) {
            text.append(' ').append(type);
        }
        var detail = Json.text(body, "detail");
        if (detail == null) {
            detail = Json.text(body, "message");
        }
        if (detail == null) {
            detail = Json.text(body, "error_description");
        }
        if (detail != null) {
            text.append(": ").append(detail);
        }
        var errors = body.get("errors");
        if (errors != null && errors.isArray()) {
            for (var error : errors) {
                text.append(System.lineSeparator()).append("  ").append(Json.text(error, "field")).append(" (")
                        .append(Json.text(error, "rule")).append("): ").append(Json.text(error, "message"));
            }
        }
        return text.toString();
    }
}
