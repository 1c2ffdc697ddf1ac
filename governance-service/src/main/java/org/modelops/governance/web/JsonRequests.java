package org.modelops.governance.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.erdtman.jcs.JsonCanonicalizer;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;

/**
 * Reads a JSON request body strictly: it must parse (no duplicate members, nothing after the value), carry nothing
 * {@link InputHygiene} refuses (control characters, unpaired surrogates, numbers a double cannot hold) and satisfy its
 * published JSON Schema ({@code /schemas/<name>.json}); every violation is reported with its field and rule. Only a
 * valid body is bound to its Java record, so a refused request never reaches the domain.
 */
@Singleton
public final class JsonRequests {

    private static final Pattern SOURCE_NOISE = Pattern.compile(
            "\\s*\\(start marker at \\[Source.*$|\\s*at \\[Source.*$",
            Pattern.DOTALL);

    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
    private final Map<String, JsonSchema> loaded = new ConcurrentHashMap<>();

    /** Reads a body as it came: its bytes must be UTF-8 (RFC 8259); see {@link #text(byte[])}. */
    public <T> ValidRequest<T> read(byte[] body, String schemaName, Class<T> type) {
        return read(text(body), schemaName, type);
    }

    /**
     * The body's text. Bytes that are not UTF-8 are refused rather than decoded into replacement characters, which
     * would store something the client never sent.
     */
    public static String text(byte[] body) {
        if (body == null) {
            return null;
        }
        var in = ByteBuffer.wrap(body);
        var out = CharBuffer.allocate(body.length);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw Refusal.invalid(List.of(new FieldViolation("", "encoding", "the body is not UTF-8 text: byte "
                    + String.format("0x%02X", body[in.position()] & 0xff) + " at offset " + in.position()
                    + " is not part of a valid UTF-8 sequence")));
        }
        return out.flip().toString();
    }

    /** Reads a body already decoded to text. */
    public <T> ValidRequest<T> read(String body, String schemaName, Class<T> type) {
        return new ValidRequest<>(bind(body, schemaName, type), canonical(body));
    }

    /**
     * Reads a body checked like {@link #read(byte[], String, Class)}, without its canonical form: for high-volume
     * bodies that are idempotent by the ids they carry, not by their text (prediction and outcome batches).
     */
    public <T> T value(byte[] body, String schemaName, Class<T> type) {
        return bind(text(body), schemaName, type);
    }

    private <T> T bind(String body, String schemaName, Class<T> type) {
        JsonNode tree = parse(body);
        var violations = violations(tree, schemaName);
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        try {
            return json.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw Refusal.invalid(List.of(new FieldViolation("", "binding", e.getOriginalMessage())));
        }
    }

    /**
     * Every way the document breaks the input rules or the named schema, by field and rule; empty when it is valid.
     * Every request document passes through here, JSON bodies and YAML policies alike.
     */
    public List<FieldViolation> violations(JsonNode document, String schemaName) {
        return Stream.concat(InputHygiene.violations(document).stream(),
                schema(schemaName).validate(document).stream().map(JsonRequests::violation))
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::rule))
                .toList();
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw Refusal.invalid(List.of(new FieldViolation("", "required", "a JSON object is required as body")));
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            var location = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw Refusal.invalid(
                    List.of(new FieldViolation("", "json-syntax", "malformed JSON" + location + ": "
                            + SOURCE_NOISE.matcher(e.getOriginalMessage()).replaceAll(""))));
        }
    }

    private JsonSchema schema(String name) {
        return loaded.computeIfAbsent(name, key -> {
            try (var in = JsonRequests.class.getResourceAsStream("/public/schemas/" + key + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("no JSON schema named " + key);
                }
                return schemas.getSchema(json.readTree(in), config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static FieldViolation violation(ValidationMessage message) {
        var field = dotted(message.getInstanceLocation());
        if (message.getProperty() != null && ("required".equals(message.getType())
                || "additionalProperties".equals(message.getType()))) {
            field = field.isEmpty() ? message.getProperty() : field + "." + message.getProperty();
        }
        var rule = "additionalProperties".equals(message.getType()) ? "unknown-field" : message.getType();
        return new FieldViolation(field, rule, message.getError());
    }

    private static String dotted(JsonNodePath path) {
        var out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            var element = path.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(element);
            }
        }
        return out.toString();
    }

    private static String canonical(String body) {
        try {
            return new JsonCanonicalizer(body).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bound request and its RFC 8785 canonical JSON (to recognise a retried request). */
    public record ValidRequest<T>(T value, String canonicalJson) {
    }
}
