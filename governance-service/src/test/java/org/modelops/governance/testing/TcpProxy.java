package org.modelops.governance.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a local port to another address, that a test can cut and restore: cut, it closes every relayed
 * connection and refuses new ones, as a lost database server would; restored, it listens on the same port again.
 * It can also partition: frozen, it keeps every connection open but passes nothing either way, and tells neither side
 * when the other closes, as a network that silently drops packets would.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listener;
    private volatile byte[] freezeMarker;
    private volatile boolean frozen;

    public TcpProxy(String host, int targetPort) {
        this.target = new InetSocketAddress(host, targetPort);
        try (var probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restore();
    }

    public int port() {
        return port;
    }

    public synchronized void restore() {
        try {
            var server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            listener = server;
            Thread.ofVirtual().name("tcp-proxy-" + port).start(() -> accept(server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Freezes the relay right after the client sends these bytes (e.g. a statement's text): they reach the server,
     * which runs the statement, but neither its answer nor anything after gets through.
     */
    public void freezeWhenClientSends(String marker) {
        freezeMarker = marker.getBytes(StandardCharsets.UTF_8);
    }

    public boolean frozen() {
        return frozen;
    }

    public synchronized void cut() {
        frozen = false;
        freezeMarker = null;
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                var upstream = new Socket();
                upstream.connect(target, 2000);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, true));
                Thread.ofVirtual().start(() -> pump(upstream, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        var seen = new byte[0];
        // The streams are not closed here: closing one closes its socket, which a frozen relay must keep open.
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            var buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (frozen) {
                    continue;
                }
                var marker = freezeMarker;
                boolean freezeAfter = false;
                if (fromClient && marker != null) {
                    var window = new byte[seen.length + read];
                    System.arraycopy(seen, 0, window, 0, seen.length);
                    System.arraycopy(buffer, 0, window, seen.length, read);
                    freezeAfter = indexOf(window, marker) >= 0;
                    seen = Arrays.copyOfRange(window, Math.max(0, window.length - marker.length), window.length);
                }
                out.write(buffer, 0, read);
                out.flush();
                if (freezeAfter) {
                    frozen = true;
                }
            }
        } catch (IOException ignored) {
            // one side went away: close both
        } finally {
            if (!frozen) {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // already closed
        }
    }
}
