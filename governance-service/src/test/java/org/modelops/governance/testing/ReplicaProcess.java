package org.modelops.governance.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service in a JVM of its own (the test's classpath, the service's main class), so a test can kill it as the
 * operating system would: {@link #kill()} is SIGKILL, nothing in it runs any more; {@link #terminate()} is SIGTERM,
 * the signal an orchestrator sends before it stops a replica.
 */
public final class ReplicaProcess implements AutoCloseable {

    private final Process process;
    private final URI uri;
    private final Path log;

    private ReplicaProcess(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /** Starts a replica on the test database with the test identity provider, plus these properties. */
    public static ReplicaProcess start(String name, Map<String, String> properties) {
        try {
            int port;
            try (var probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Dmicronaut.environments=test", "-Dmicronaut.server.port=" + port,
                    "-Dgovernance.oidc.issuer=" + TestIdentityProvider.get().issuer()));
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "org.modelops.governance.GovernanceApplication"));
            var log = Files.createDirectories(Path.of("target", "replicas")).resolve(name + ".log");
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            var replica = new ReplicaProcess(process, URI.create("http://127.0.0.1:" + port), log);
            replica.awaitReady(Duration.ofSeconds(60));
            return replica;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return uri;
    }

    /** SIGKILL: no shutdown hook, no unlocking, no drain; the database sees the connections drop. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: the replica shuts down as it is configured to; returns how long it took to exit. */
    public Duration terminate(Duration atMost) {
        var started = Instant.now();
        process.destroy();
        awaitExit(atMost);
        return Duration.between(started, Instant.now());
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void awaitReady(Duration atMost) {
        var api = new Api(uri);
        var deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the replica exited: " + log());
            }
            try {
                if (api.get("/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("the replica did not become healthy within " + atMost + ": " + log());
    }

    private void awaitExit(Duration atMost) {
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the replica did not exit within " + atMost);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
