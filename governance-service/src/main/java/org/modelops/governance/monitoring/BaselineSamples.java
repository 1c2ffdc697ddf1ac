package org.modelops.governance.monitoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.modelops.governance.monitoring.model.BaselineProfile;
import org.modelops.governance.monitoring.model.BaselineProfiler;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.InputHygiene;

/**
 * Reads a reference sample row by row into a {@link BaselineProfiler}, never holding the parsed document whole: JSON
 * Lines with one {@code {"features": {…}, "prediction": …}} per line, or CSV with a header row whose column
 * {@code prediction} is the model's output and every other column a feature. A refusal names the line and column.
 */
final class BaselineSamples {

    static final String CSV = "csv";
    static final String JSONL = "jsonl";
    static final int MAX_TEXT = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();

    private BaselineSamples() {
    }

    static BaselineProfile profile(String format, Reader body) {
        try {
            return CSV.equals(format) ? csv(body) : jsonLines(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BaselineProfile jsonLines(Reader body) throws IOException {
        var profiler = new BaselineProfiler(false);
        var reader = new BufferedReader(body);
        int lineNumber = 0;
        for (var line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode tree;
            try {
                tree = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw refused("line " + lineNumber, "json-syntax", "not one JSON object: "
                        + e.getOriginalMessage());
            }
            var hygiene = InputHygiene.violations(tree);
            if (!hygiene.isEmpty()) {
                var first = hygiene.getFirst();
                throw refused("line " + lineNumber + (first.field().isEmpty() ? "" : "." + first.field()),
                        first.rule(), first.message());
            }
            if (!tree.isObject() || !tree.path("features").isObject()) {
                throw refused("line " + lineNumber + ".features", "required",
                        "each line is {\"features\": {…}, \"prediction\": …}");
            }
            var row = new LinkedHashMap<String, Object>();
            var fields = tree.path("features").properties();
            for (var field : fields) {
                if (BaselineProfile.PREDICTION.equals(field.getKey())) {
                    throw reservedName("line " + lineNumber + ".features.prediction");
                }
                var at = "line " + lineNumber + ".features." + field.getKey();
                text(at, field.getKey());
                row.put(field.getKey(), value(field.getValue(), at));
            }
            row.put(BaselineProfile.PREDICTION, value(tree.path("prediction"), "line " + lineNumber + ".prediction"));
            add(profiler, row, "line " + lineNumber);
        }
        return profile(profiler);
    }

    private static BaselineProfile csv(Reader body) throws IOException {
        var profiler = new BaselineProfiler(true);
        CSVParser parser;
        try {
            parser = CSV_FORMAT.parse(body);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw refused("line 1", "csv-header", "the header row cannot be read: " + e.getMessage());
        }
        try (parser) {
            var header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw refused("line 1", "csv-header", "a CSV sample starts with a header row naming its columns");
            }
            for (var name : header) {
                text("line 1", name);
            }
            for (var record : parser) {
                var line = "line " + (record.getRecordNumber() + 1);
                if (record.size() != header.size()) {
                    throw refused(line, "csv-columns", "has " + record.size() + " values for the header's "
                            + header.size() + " columns");
                }
                var row = new HashMap<String, Object>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), text(line + "." + header.get(i), record.get(i)));
                }
                add(profiler, row, line);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw refused("line " + (parser.getCurrentLineNumber() + 1), "csv-syntax", "not CSV (RFC 4180): "
                    + e.getMessage());
        }
        return profile(profiler);
    }

    /** Column names and categories are stored and shown: the input rules of every endpoint, and at most 200 chars. */
    private static String text(String field, String text) {
        var hygiene = InputHygiene.violations(field, text);
        if (!hygiene.isEmpty()) {
            throw Refusal.invalid(hygiene);
        }
        if (text.length() > MAX_TEXT) {
            throw refused(field, "maxLength", "a column name or category is at most " + MAX_TEXT
                    + " characters; this one has " + text.length());
        }
        return text;
    }

    private static Object value(JsonNode value, String field) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual() || value.isBoolean()) {
            return text(field, value.asText());
        }
        throw refused(field, "type", "a value is a number, a string, a boolean or null, not " + value.getNodeType()
                .name().toLowerCase(java.util.Locale.ROOT));
    }

    private static void add(BaselineProfiler profiler, Map<String, Object> row, String line) {
        try {
            profiler.add(row);
        } catch (BaselineProfiler.UnknownColumn e) {
            throw refused(line + "." + e.column(), "unknown-column", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw refused(line, "baseline", e.getMessage());
        }
    }

    private static BaselineProfile profile(BaselineProfiler profiler) {
        try {
            return profiler.profile();
        } catch (IllegalArgumentException e) {
            throw refused("", "baseline", e.getMessage());
        }
    }

    private static Refusal reservedName(String field) {
        return refused(field, "reserved-name", "'prediction' is the model's output, given beside the features;"
                + " name the feature otherwise");
    }

    static Refusal refused(String field, String rule, String message) {
        return Refusal.invalid(List.of(new FieldViolation(field, rule, message)));
    }
}
