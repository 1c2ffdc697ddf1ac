package org.modelops.governance.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands bytes from a producer thread to the HTTP response through a small bounded queue, so that a large export is
 * streamed with constant memory and a slow client slows the producer down. Unlike {@code PipedInputStream}, it does
 * not care which (pooled) thread reads. A producer that outlives a vanished reader fails after a timeout.
 */
public final class StreamingPipe {

    private static final byte[] END = new byte[0];
    private static final int CHUNK = 32 * 1024;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private volatile boolean readerClosed;

    public OutputStream output() {
        return new OutputStream() {
            private final byte[] buffer = new byte[CHUNK];
            private int size;

            @Override
            public void write(int b) throws IOException {
                if (size == buffer.length) {
                    flush();
                }
                buffer[size++] = (byte) b;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                while (length > 0) {
                    if (size == buffer.length) {
                        flush();
                    }
                    int n = Math.min(length, buffer.length - size);
                    System.arraycopy(bytes, offset, buffer, size, n);
                    size += n;
                    offset += n;
                    length -= n;
                }
            }

            @Override
            public void flush() throws IOException {
                if (size > 0) {
                    put(Arrays.copyOf(buffer, size));
                    size = 0;
                }
            }

            @Override
            public void close() throws IOException {
                flush();
                put(END);
            }
        };
    }

    public InputStream input() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int position;
            private boolean ended;

            @Override
            public int read() throws IOException {
                var one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (position == current.length) {
                    if (ended) {
                        return -1;
                    }
                    try {
                        current = chunks.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException();
                    }
                    position = 0;
                    ended = current == END;
                }
                int n = Math.min(length, current.length - position);
                System.arraycopy(current, position, target, offset, n);
                position += n;
                return n;
            }

            @Override
            public void close() {
                readerClosed = true;
                chunks.clear();
            }
        };
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 1, TimeUnit.SECONDS)) {
                if (readerClosed) {
                    throw new IOException("the client stopped reading");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }
}
