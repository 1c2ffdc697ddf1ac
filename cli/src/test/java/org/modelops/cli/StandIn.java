package org.modelops.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A local HTTP server on 127.0.0.1 answering from a function, recording every request. */
public final class StandIn implements AutoCloseable {

    public record Request(String method, String path, Map<String, List<String>> query, String body,
            Map<String, List<String>> headers) {

        public String param(String name) {
            var values = query.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }
    }

    public record Answer(int status, String contentType, String body) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Answer answer(Request request) throws IOException;
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public StandIn(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                var uri = exchange.getRequestURI();
                var request = new Request(exchange.getRequestMethod(), uri.getPath(), query(uri.getRawQuery()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders());
                requests.add(request);
                var answer = handler.answer(request);
                var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            } catch (RuntimeException | IOException e) {
                e.printStackTrace();
                throw e;
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    static Map<String, List<String>> query(String raw) {
        var query = new LinkedHashMap<String, List<String>>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (var pair : raw.split("&")) {
            var at = pair.indexOf('=');
            var key = URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8);
            var value = at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, ignored -> new ArrayList<>()).add(value);
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
