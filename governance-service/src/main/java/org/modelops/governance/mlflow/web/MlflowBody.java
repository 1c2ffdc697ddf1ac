package org.modelops.governance.mlflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.mlflow.model.MlflowError;
import org.modelops.governance.mlflow.model.TagRules;
import org.modelops.governance.web.InputHygiene;

/**
 * A request body read as MLflow's server reads it: a body that is not a JSON object counts as {@code {}} (so the
 * answer names the missing parameter), unknown fields are ignored, and a field of the wrong type is refused by name.
 * Text with control characters is refused too, before it reaches the database.
 */
final class MlflowBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;

    private MlflowBody(JsonNode node) {
        this.node = node;
    }

    static MlflowBody of(byte[] body) {
        if (body == null || body.length == 0) {
            return new MlflowBody(JsonNodeFactory.instance.objectNode());
        }
        try {
            var node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            return new MlflowBody(node instanceof ObjectNode ? node : JsonNodeFactory.instance.objectNode());
        } catch (IOException notJson) {
            return new MlflowBody(JsonNodeFactory.instance.objectNode());
        }
    }

    /** A required string (a number is taken as its text, as for {@code version}). */
    String required(String field) {
        var value = optional(field);
        if (value == null || value.isEmpty()) {
            throw MlflowError.missing(field);
        }
        return value;
    }

    String optional(String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !(value.isIntegralNumber() && field.equals("version"))) {
            throw MlflowError.invalid("Invalid value " + value + " for parameter '" + field + "' supplied: a string"
                    + " is expected. See the API docs for more information about request parameters.");
        }
        return clean(field, value.asText());
    }

    /** MLflow's {@code tags: [{key, value}, …]}, in order, each key and value by MLflow's rules. */
    Map<String, String> tags() {
        var tags = new LinkedHashMap<String, String>();
        var value = node.get("tags");
        if (value == null || value.isNull()) {
            return tags;
        }
        if (!value.isArray()) {
            throw MlflowError.invalid("Invalid value " + abbreviate(value) + " for parameter 'tags' supplied: a list"
                    + " of {\"key\": …, \"value\": …} is expected.");
        }
        for (var tag : value) {
            var key = tag.get("key");
            var text = tag.get("value");
            if (key == null || !key.isTextual() || text != null && !text.isNull() && !text.isTextual()) {
                throw MlflowError.invalid("Invalid tag " + abbreviate(tag) + ": key and value are strings.");
            }
            var keyText = clean("tags.key", key.asText());
            var valueText = text == null || text.isNull() ? "" : clean("tags." + keyText, text.asText());
            TagRules.check(keyText, valueText);
            tags.put(keyText, valueText);
        }
        return tags;
    }

    /** A tag whose value is JSON {@code {"slice": {"metric": number}}}. */
    static Map<String, Map<String, Double>> sliceMetrics(String key, String value) {
        return org.modelops.governance.mlflow.SliceMetrics.parse(key, value);
    }

    /** The {@code stages} list of a get-latest-versions body. */
    static List<String> stages(byte[] body) {
        var stages = new ArrayList<String>();
        var value = of(body).node.get("stages");
        if (value != null && value.isArray()) {
            for (var stage : value) {
                if (!stage.isTextual()) {
                    throw MlflowError.invalid("Invalid value " + abbreviate(value) + " for parameter 'stages'"
                            + " supplied: a list of strings is expected.");
                }
                stages.add(clean("stages", stage.asText()));
            }
        }
        return stages;
    }

    static String clean(String field, String text) {
        var violations = InputHygiene.violations(field, text);
        if (!violations.isEmpty()) {
            throw MlflowError.invalid("Invalid value for parameter '" + field + "': "
                    + violations.getFirst().message());
        }
        return text;
    }

    private static String abbreviate(JsonNode value) {
        var text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
