package org.modelops.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.modelops.cli.CliException;

/** JSON over {@link HttpClient}: one place for timeouts, the user agent and turning error answers into exit codes. */
public final class Http {

    public static final String USER_AGENT = "modelops-cli/0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** An answer: status, headers and the body as text. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return body == null || body.isBlank() ? Json.object() : Json.parse(body);
        }

        /** The body as JSON, or an empty object when it is not JSON (an HTML error page). */
        public JsonNode jsonOrEmpty() {
            try {
                return json();
            } catch (IllegalArgumentException notJson) {
                return Json.object();
            }
        }

        public String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Answer send(String method, URI uri, Map<String, String> headers, String contentType, String body) {
        var request = request(method, uri, headers, contentType, body);
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw CliException.unavailable("cannot reach " + origin(uri) + ": " + message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unavailable("interrupted while calling " + origin(uri), e);
        }
    }

    /** A streamed answer (exports); the caller closes the body. */
    public HttpResponse<InputStream> stream(URI uri, Map<String, String> headers) {
        var request = request("GET", uri, headers, null, null);
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw CliException.unavailable("cannot reach " + origin(uri) + ": " + message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unavailable("interrupted while calling " + origin(uri), e);
        }
    }

    /** A JSON answer, or an {@link HttpError} for any status outside 2xx. */
    public JsonNode json(String method, URI uri, Map<String, String> headers, JsonNode body, String what) {
        var answer = send(method, uri, headers, body == null ? null : "application/json",
                body == null ? null : Json.compact(body));
        return checked(answer, what).json();
    }

    /** A form POST (the identity provider's token and device endpoints). */
    public Answer form(URI uri, Map<String, String> fields) {
        return send("POST", uri, Map.of(), "application/x-www-form-urlencoded", formBody(fields));
    }

    public static Answer checked(Answer answer, String what) {
        if (!answer.ok()) {
            JsonNode body = null;
            try {
                body = answer.json();
            } catch (IllegalArgumentException notJson) {
                // an HTML error page: the status says enough
            }
            throw new HttpError(answer.status(), body, what);
        }
        return answer;
    }

    public static String formBody(Map<String, String> fields) {
        var joiner = new StringJoiner("&");
        fields.forEach((key, value) -> {
            if (value != null) {
                joiner.add(encode(key) + "=" + encode(value));
            }
        });
        return joiner.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code base + path + ?query}, skipping null query values; a list value becomes a repeated key. */
    public static URI uri(String base, String path, Map<String, ?> query) {
        var text = new StringBuilder(base.replaceAll("/+$", "")).append(path);
        var joiner = new StringJoiner("&");
        if (query != null) {
            for (var entry : new LinkedHashMap<>(query).entrySet()) {
                var value = entry.getValue();
                if (value instanceof List<?> list) {
                    list.forEach(item -> joiner.add(encode(entry.getKey()) + "=" + encode(String.valueOf(item))));
                } else if (value != null) {
                    joiner.add(encode(entry.getKey()) + "=" + encode(String.valueOf(value)));
                }
            }
        }
        if (joiner.length() > 0) {
            text.append('?').append(joiner);
        }
        return URI.create(text.toString());
    }

    private HttpRequest request(String method, URI uri, Map<String, String> headers, String contentType,
            String body) {
        var builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", USER_AGENT)
                .header("Accept", "application/json, application/problem+json;q=0.9, */*;q=0.5");
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String message(IOException e) {
        var message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
