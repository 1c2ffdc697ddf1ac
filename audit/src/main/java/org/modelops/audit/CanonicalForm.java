package org.modelops.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The documented canonical form of an event (docs/audit.md): a JSON object with the members {@code sequence},
 * {@code occurredAt} (UTC, exactly six fraction digits), {@code actor} {subject, username, roles (sorted)},
 * {@code action}, {@code subject} {type, id}, {@code details}, {@code correlation} (string or null) and
 * {@code previousHash}, serialised by RFC 8785 (JCS). The event's hash is the lower-case hex SHA-256 of its UTF-8
 * bytes.
 */
public final class CanonicalForm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<CanonicalWriter> WRITERS = ThreadLocal.withInitial(CanonicalWriter::new);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CanonicalForm() {
    }

    public static String of(AuditEvent event) {
        return canonical(body(event));
    }

    /** {@link #of} through the JCS library alone: the reference the faster writer is tested against. */
    static String referenceOf(AuditEvent event) {
        return reference(body(event));
    }

    private static Map<String, Object> body(AuditEvent event) {
        var actor = new LinkedHashMap<String, Object>();
        actor.put("subject", event.actor().subject());
        actor.put("username", event.actor().username());
        actor.put("roles", event.actor().roles());
        var subject = Map.of("type", event.subject().type(), "id", event.subject().id());
        var body = new LinkedHashMap<String, Object>();
        body.put("sequence", event.sequence());
        body.put("occurredAt", TIME.format(event.occurredAt()));
        body.put("actor", actor);
        body.put("action", event.action());
        body.put("subject", subject);
        body.put("details", event.details());
        body.put("correlation", event.correlation());
        body.put("previousHash", event.previousHash());
        return body;
    }

    /**
     * RFC 8785 canonical JSON of a value made of maps, lists, strings, numbers, booleans and nulls: its JSON written
     * once and canonicalised token by token ({@link CanonicalWriter}), not parsed into a tree and written again.
     */
    public static String canonical(Object value) {
        return WRITERS.get().canonicalJson(toJson(value));
    }

    /** {@link #canonical} by the JCS library (parse, sort, write): the reference. */
    static String reference(Object value) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(value)).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("not representable as canonical JSON: " + value, e);
        }
    }

    public static String hash(AuditEvent event) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(of(event).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    public static String formatTime(Instant instant) {
        return TIME.format(instant);
    }

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + value, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored audit details are not a JSON object", e);
        }
    }
}
