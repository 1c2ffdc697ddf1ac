package org.modelops.governance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Raw HTTP against the running service, so tests can send exactly the bytes a careless client would. */
public final class Api {

    public record Response(int status, String contentType, JsonNode json, String body,
            java.net.http.HttpHeaders headers) {

        public String field(String name) {
            return json.path(name).asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response post(String path, String token, String body) {
        return post(path, token, body, Map.of());
    }

    public Response post(String path, String token, String body, Map<String, String> headers) {
        var builder = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** A PATCH with a JSON body. */
    public Response patch(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Exactly these bytes as a JSON body, e.g. ones that are not UTF-8. */
    public Response postBytes(String path, String token, byte[] body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Any method and body with exactly the headers given: no Content-Type unless named. */
    public Response send(String method, String path, String token, String body, Map<String, String> headers) {
        var builder = request(path, token).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).header("Accept",
                "application/json, application/problem+json;q=0.9, */*;q=0.1");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            var body = response.body();
            JsonNode json = null;
            try {
                json = body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException notJson) {
                json = JSON.nullNode();
            }
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), json, body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
