package org.modelops.governance.lifecycle.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.modelops.governance.policy.model.ValidationRules;

/**
 * Challenger against champion on one evaluation dataset, the newest metrics of each side on it, and the deltas
 * rounded for people: the inbox, the decision page and the verdict all show these numbers.
 *
 * <p>
 * Which dataset: the champion's own evaluation dataset when the challenger was measured on it (the champion's
 * numbers there are the ones it was promoted on); else the challenger's evaluation dataset when the champion was
 * measured on it; else the first other dataset both were measured on, in the order the challenger was measured.
 */
public record Comparison(String datasetSha256, Map<String, Double> challenger, Map<String, Double> champion,
        Map<String, Double> deltas) {

    public Comparison {
        challenger = Map.copyOf(challenger);
        champion = Map.copyOf(champion);
        deltas = Map.copyOf(deltas);
    }

    public static Optional<Comparison> between(MeasuredMetrics challenger, MeasuredMetrics champion) {
        var ours = challenger.newestByDataset();
        var theirs = champion.newestByDataset();
        String dataset = null;
        if (champion.submissionDatasetSha256() != null && ours.containsKey(champion.submissionDatasetSha256())) {
            dataset = champion.submissionDatasetSha256();
        } else if (challenger.submissionDatasetSha256() != null
                && theirs.containsKey(challenger.submissionDatasetSha256())) {
            dataset = challenger.submissionDatasetSha256();
        } else {
            dataset = ours.keySet().stream().filter(theirs::containsKey).findFirst().orElse(null);
        }
        if (dataset == null) {
            return Optional.empty();
        }
        return Optional.of(of(dataset, ours.get(dataset), theirs.get(dataset)));
    }

    public static Comparison of(String dataset, Map<String, Double> challenger, Map<String, Double> champion) {
        var deltas = new TreeMap<String, Double>();
        challenger.forEach((metric, value) -> {
            var other = champion.get(metric);
            if (value != null && other != null) {
                deltas.put(metric, round(value - other));
            }
        });
        return new Comparison(dataset, challenger, champion, deltas);
    }

    /** As verdicts round (half-up, four places): 0.1499999999999999 becomes 0.15, and a delta is never -0.0. */
    public static double round(double value) {
        return ValidationRules.round(value);
    }

    public Map<String, Object> toMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("datasetSha256", datasetSha256);
        map.put("challenger", new TreeMap<>(challenger));
        map.put("champion", new TreeMap<>(champion));
        map.put("deltas", new TreeMap<>(deltas));
        return map;
    }

    @SuppressWarnings("unchecked")
    public static Comparison fromMap(Map<String, Object> map) {
        return new Comparison((String) map.get("datasetSha256"), numbers(map.get("challenger")),
                numbers(map.get("champion")), numbers(map.get("deltas")));
    }

    private static Map<String, Double> numbers(Object value) {
        var numbers = new TreeMap<String, Double>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, number) -> numbers.put(String.valueOf(key), ((Number) number).doubleValue()));
        }
        return numbers;
    }
}
