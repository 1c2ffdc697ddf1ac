package org.modelops.governance.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modelops.governance.mlflow.model.MlflowError;
import org.modelops.governance.web.InputHygiene;

/** The tag {@code modelops.slice_metrics}: JSON {@code {"gender=F": {"recall": 0.81}, …}}; malformed is a 400. */
public final class SliceMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SliceMetrics() {
    }

    public static Map<String, Map<String, Double>> parse(String key, String value) {
        var slices = new LinkedHashMap<String, Map<String, Double>>();
        if (value == null) {
            return slices;
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(value);
        } catch (IOException notJson) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            throw MlflowError.invalid("Tag " + key + " must be a JSON object such as {\"gender=F\": {\"recall\":"
                    + " 0.81}}.");
        }
        for (var slice : parsed.properties()) {
            var metrics = new LinkedHashMap<String, Double>();
            if (!slice.getValue().isObject()) {
                throw MlflowError.invalid("Tag " + key + ": slice '" + slice.getKey() + "' must map metric names to"
                        + " numbers.");
            }
            for (var metric : slice.getValue().properties()) {
                if (!metric.getValue().isNumber() || !Double.isFinite(metric.getValue().asDouble())) {
                    throw MlflowError.invalid("Tag " + key + ": " + slice.getKey() + "." + metric.getKey() + " must"
                            + " be a finite number.");
                }
                metrics.put(clean(key, metric.getKey()), metric.getValue().asDouble());
            }
            slices.put(clean(key, slice.getKey()), metrics);
        }
        return slices;
    }

    private static String clean(String field, String text) {
        var violations = InputHygiene.violations(field, text);
        if (!violations.isEmpty()) {
            throw MlflowError.invalid("Invalid value for parameter '" + field + "': "
                    + violations.getFirst().message());
        }
        return text;
    }
}
