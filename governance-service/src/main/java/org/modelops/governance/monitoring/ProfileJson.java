package org.modelops.governance.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.monitoring.model.BaselineProfile;
import org.modelops.governance.monitoring.model.Bins;
import org.modelops.governance.shared.Digests;

/**
 * A profile as stored and as published in the monitoring spec: per column its name, kind ({@code numeric} with
 * {@code edges}, or {@code categorical} with {@code categories}), the statistic it is judged by, the labels of its bins
 * and the baseline's counts. Its SHA-256 is that of this exact text, so a collector can tell which bins it counts on.
 */
public final class ProfileJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileJson() {
    }

    public static Map<String, Object> document(BaselineProfile profile) {
        var columns = new ArrayList<Map<String, Object>>();
        for (var column : profile.columns()) {
            var out = new LinkedHashMap<String, Object>();
            out.put("name", column.name());
            switch (column.bins()) {
                case Bins.Numeric numeric -> {
                    out.put("kind", "numeric");
                    out.put("edges", numeric.edges());
                    if (column.min() != null) {
                        out.put("min", column.min());
                        out.put("max", column.max());
                    }
                }
                case Bins.Categorical categorical -> {
                    out.put("kind", "categorical");
                    out.put("categories", categorical.categories());
                }
            }
            out.put("statistic", column.statistic());
            out.put("bins", column.bins().labels());
            out.put("baselineCounts", column.counts());
            columns.add(out);
        }
        var document = new LinkedHashMap<String, Object>();
        document.put("rows", profile.rows());
        document.put("columns", columns);
        return document;
    }

    public static String text(BaselineProfile profile) {
        try {
            return JSON.writeValueAsString(document(profile));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(BaselineProfile profile) {
        return Digests.sha256Hex(text(profile));
    }

    public static BaselineProfile read(String text) {
        try {
            var tree = JSON.readTree(text);
            var columns = new ArrayList<BaselineProfile.Column>();
            for (var column : tree.path("columns")) {
                Bins bins = "numeric".equals(column.path("kind").asText())
                        ? new Bins.Numeric(doubles(column.path("edges")))
                        : new Bins.Categorical(strings(column.path("categories")));
                var counts = new ArrayList<Long>();
                column.path("baselineCounts").forEach(count -> counts.add(count.asLong()));
                columns.add(new BaselineProfile.Column(column.path("name").asText(), bins, counts,
                        column.hasNonNull("min") ? column.path("min").asDouble() : null,
                        column.hasNonNull("max") ? column.path("max").asDouble() : null));
            }
            return new BaselineProfile(tree.path("rows").asLong(), columns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored baseline profile cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Double> doubles(JsonNode array) {
        var out = new ArrayList<Double>();
        array.forEach(value -> out.add(value.asDouble()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(value -> out.add(value.asText()));
        return out;
    }
}
