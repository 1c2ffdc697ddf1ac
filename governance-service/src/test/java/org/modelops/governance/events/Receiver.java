package org.modelops.governance.events;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver of events on a free local port, as another system would run one: it answers {@code failing} with the
 * given status for its first requests, 204 afterwards, and keeps what it was sent.
 */
final class Receiver implements AutoCloseable {

    record Received(Map<String, List<String>> headers, String body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final int failureStatus;
    private final String failingWhenBodyHas;

    /** Fails the first {@code failing} requests whose body contains {@code failingWhenBodyHas} (any, when null). */
    Receiver(int failing, int failureStatus, String failingWhenBodyHas) {
        this.failuresLeft = new AtomicInteger(failing);
        this.failureStatus = failureStatus;
        this.failingWhenBodyHas = failingWhenBodyHas;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean concerned = failingWhenBodyHas == null || body.contains(failingWhenBodyHas);
            int status = concerned && failuresLeft.getAndDecrement() > 0 ? failureStatus : 204;
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static Receiver answering204() {
        return new Receiver(0, 204, null);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> accepted() {
        return received.stream().filter(request -> request.answered() == 204).toList();
    }

    /** The receiver's own check, as docs/events.md tells receivers to do it. */
    static boolean signedWith(String secret, Received request) {
        try {
            var key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "."
                    + request.body();
            var expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            for (var signature : request.header("webhook-signature").split(" ")) {
                if (MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                        expected.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
