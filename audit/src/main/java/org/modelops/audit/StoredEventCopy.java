package org.modelops.audit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Streams stored events out of PostgreSQL with {@code COPY (SELECT …) TO STDOUT (FORMAT binary)} on the caller's
 * connection (inside its transaction, so with its snapshot): the server writes rows while this side decodes them,
 * instead of waiting for each cursor fetch, and sends the columns in their binary form (the time as microseconds, the
 * roles as an array of strings) so neither side formats or parses times, numbers or array literals. {@code details}
 * still comes as the {@code jsonb}'s text, exactly what a {@code SELECT} returns, so the hash is computed over the
 * same values whichever way the rows are read.
 *
 * <p>Only for PostgreSQL connections ({@link #supports}); everything else reads through a cursor.
 */
final class StoredEventCopy {

    /** The columns in the order {@link #read} decodes them. */
    static final String COLUMNS = "sequence, occurred_at, actor_subject, actor_username, actor_roles, action,"
            + " subject_type, subject_id, details, correlation, previous_hash, hash";

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int FIELDS = 12;
    /** Microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC). */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final String[] NO_ROLES = new String[0];

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    StoredEventCopy(InputStream in) {
        this.in = in;
    }

    static boolean supports(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException | LinkageError e) {
            return false;
        }
    }

    /**
     * Copies the events with sequence numbers in [from, to] (either bound may be null) in sequence order and hands
     * each to {@code consumer} until it returns false. The range is copied in runs of {@link #CHUNK} sequence numbers,
     * one {@code COPY} each, so no statement runs long enough to meet the session's {@code statement_timeout}
     * whatever the length of the chain; the bounds are the range's lowest and highest stored sequence numbers when
     * the copy starts (events appended later are not part of it).
     */
    static void forEach(Connection connection, Long from, Long to, Predicate<StoredEvent> consumer)
            throws SQLException {
        long first;
        long last;
        try (var bounds = connection.prepareStatement("SELECT min(sequence), max(sequence) FROM audit_events"
                + " WHERE sequence >= ? AND sequence <= ?")) {
            bounds.setLong(1, from == null ? Long.MIN_VALUE : from);
            bounds.setLong(2, to == null ? Long.MAX_VALUE : to);
            try (var rs = bounds.executeQuery()) {
                rs.next();
                first = rs.getLong(1);
                if (rs.wasNull()) {
                    return;
                }
                last = rs.getLong(2);
            }
        }
        for (long low = first; low <= last; low += CHUNK) {
            long high = Math.min(last, low + CHUNK - 1);
            if (!copy(connection, low, high, consumer) || high == Long.MAX_VALUE) {
                return;
            }
        }
    }

    /** How many sequence numbers one {@code COPY} covers (about a quarter of a second's reading). */
    static final long CHUNK = 50_000;

    /** Copies [low, high]; false once the consumer has stopped. */
    private static boolean copy(Connection connection, long low, long high, Predicate<StoredEvent> consumer)
            throws SQLException {
        var sql = "COPY (SELECT " + COLUMNS + " FROM audit_events WHERE sequence >= " + low + " AND sequence <= "
                + high + " ORDER BY sequence) TO STDOUT (FORMAT binary)";
        var copy = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql);
        boolean done = false;
        boolean stopped = false;
        try {
            var reader = new StoredEventCopy(copy);
            reader.header();
            StoredEvent event;
            while ((event = reader.read()) != null) {
                if (!consumer.test(event)) {
                    stopped = true;
                    break;
                }
            }
            // Stopped early (a broken link): read the rest unseen rather than cancel, which would abort the caller's
            // transaction.
            var rest = new byte[1 << 16];
            while (copy.read(rest, 0, rest.length) >= 0) {
                // discarded
            }
            done = true;
        } catch (IOException e) {
            throw new SQLException("could not read the audit trail's COPY stream", e);
        } finally {
            if (!done && copy.isActive()) {
                copy.cancelCopy();
            }
            try {
                copy.close();
            } catch (IOException e) {
                // The copy was read to its end or cancelled above; nothing is left to release.
            }
        }
        return !stopped;
    }

    void header() throws IOException {
        need(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not a PostgreSQL binary COPY stream");
        }
        position += SIGNATURE.length;
        int flags = int32();
        if ((flags & (1 << 16)) != 0) {
            throw new IOException("the COPY stream carries OIDs");
        }
        int extension = int32();
        skip(extension);
    }

    /** The next event, or null at the stream's end. */
    StoredEvent read() throws IOException {
        need(2);
        short fields = (short) (((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff));
        position += 2;
        if (fields == -1) {
            return null;
        }
        if (fields != FIELDS) {
            throw new IOException("expected " + FIELDS + " columns in the COPY stream, found " + fields);
        }
        long sequence = int64Field();
        long micros = int64Field() + POSTGRES_EPOCH_MICROS;
        String actorSubject = text();
        String actorUsername = text();
        String[] roles = textArray();
        String action = text();
        String subjectType = text();
        String subjectId = text();
        String details = jsonb();
        String correlation = text();
        String previousHash = text();
        String hash = text();
        return new StoredEvent(sequence, micros, actorSubject, actorUsername, roles, action, subjectType, subjectId,
                details, correlation, previousHash, hash);
    }

    private long int64Field() throws IOException {
        int length = int32();
        if (length != 8) {
            throw new IOException("expected an 8-byte column, found " + length + " bytes");
        }
        return int64();
    }

    /** A text column's UTF-8 bytes (the driver asks for UTF-8), or null. */
    private String text() throws IOException {
        int length = int32();
        if (length < 0) {
            return null;
        }
        need(length);
        var text = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** {@code jsonb} in binary: a version byte (1) and the text {@code jsonb_out} writes. */
    private String jsonb() throws IOException {
        int length = int32();
        if (length < 0) {
            return null;
        }
        need(length);
        if (length == 0 || buffer[position] != 1) {
            throw new IOException("unsupported jsonb binary version");
        }
        var text = new String(buffer, position + 1, length - 1, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** A one-dimensional {@code text[]} in binary: dimensions, null flag, element type, bounds, then elements. */
    private String[] textArray() throws IOException {
        int length = int32();
        if (length < 0) {
            return null;
        }
        need(length);
        int end = position + length;
        int dimensions = int32();
        int32(); // has nulls
        int32(); // element type
        if (dimensions == 0) {
            position = end;
            return NO_ROLES;
        }
        if (dimensions != 1) {
            throw new IOException("expected a one-dimensional array of roles, found " + dimensions + " dimensions");
        }
        int count = int32();
        int32(); // lower bound
        var elements = new String[count];
        for (int i = 0; i < count; i++) {
            elements[i] = text();
        }
        if (position != end) {
            throw new IOException("the roles array is longer than its elements");
        }
        return elements;
    }

    private int int32() throws IOException {
        need(4);
        int value = ((buffer[position] & 0xff) << 24) | ((buffer[position + 1] & 0xff) << 16)
                | ((buffer[position + 2] & 0xff) << 8) | (buffer[position + 3] & 0xff);
        position += 4;
        return value;
    }

    private long int64() throws IOException {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buffer[position + i] & 0xff);
        }
        position += 8;
        return value;
    }

    private void skip(int bytes) throws IOException {
        need(bytes);
        position += bytes;
    }

    /** Makes at least {@code bytes} unread bytes available in the buffer. */
    private void need(int bytes) throws IOException {
        if (limit - position >= bytes) {
            return;
        }
        if (bytes < 0) {
            throw new IOException("negative length in the COPY stream");
        }
        int unread = limit - position;
        if (buffer.length < bytes) {
            buffer = Arrays.copyOf(Arrays.copyOfRange(buffer, position, limit), Math.max(bytes, buffer.length * 2));
        } else {
            System.arraycopy(buffer, position, buffer, 0, unread);
        }
        position = 0;
        limit = unread;
        while (limit < bytes) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException("the COPY stream ended inside a row");
            }
            limit += read;
        }
    }
}
