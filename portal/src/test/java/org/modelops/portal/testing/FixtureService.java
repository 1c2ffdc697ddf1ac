package org.modelops.portal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the governance service on a free loopback port: answers each "METHOD /path?query" with the JSON
 * fixture a test gave it (404 problem otherwise), and records what arrived, so an HTTP adapter is tested with the
 * portal's real RestClient and JSON reading.
 */
public final class FixtureService implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String method, String pathAndQuery, String authorization, String contentType,
            String body) {
    }

    private record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    public FixtureService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var uri = exchange.getRequestURI();
            var pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), pathAndQuery,
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            var answer = answers.getOrDefault(exchange.getRequestMethod() + " " + pathAndQuery,
                    new Answer(404, "application/problem+json",
                            "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404}"));
            var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** Answers {@code method pathAndQuery} with {@code status} and the JSON {@code body}. */
    public FixtureService answer(String method, String pathAndQuery, int status, String body) {
        var type = status >= 400 ? "application/problem+json" : "application/json";
        answers.put(method + " " + pathAndQuery, new Answer(status, type, body));
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public Request last() {
        var all = requests();
        return all.getLast();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
