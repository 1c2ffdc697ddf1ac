package org.modelops.governance.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.modelops.governance.policy.cel.CelConditionEvaluator;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.JsonRequests;

/**
 * Reads a policy document: YAML (or JSON), checked against {@code /schemas/policy.json}, its CEL conditions compiled
 * and type-checked, its durations and rollout steps sensible. Every problem is reported with its field. A stored
 * version is read as it was applied when it was published, so a stricter check never makes history unreadable.
 */
@Singleton
public class PolicyDocuments {

    private static final String DURATION_EXAMPLE = "an ISO-8601 duration longer than zero, such as PT30M or P2D";

    private final ObjectMapper strict = YAMLMapper.builder().addModule(new JavaTimeModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final ObjectMapper lenient = YAMLMapper.builder().addModule(new JavaTimeModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final JsonRequests schemas;
    private final CelConditionEvaluator cel;
    /**
     * Stored versions already read, by their text: a stored version never changes and {@link Policy} is immutable, so
     * every submission and lifecycle step that reads its pinned policy need not parse the YAML again (the parse was a
     * tenth of a submission's CPU: docs/benchmarks.md).
     */
    private final java.util.Map<String, Policy> stored = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int STORED_CACHED = 256;

    PolicyDocuments(JsonRequests schemas, CelConditionEvaluator cel) {
        this.schemas = schemas;
        this.cel = cel;
    }

    /** A stored version's rules, read as they were applied when it was published. */
    public Policy read(String storedText) {
        var known = stored.get(storedText);
        if (known != null) {
            return known;
        }
        try {
            var policy = lenient.treeToValue(lenient.readTree(storedText), Policy.class);
            if (stored.size() >= STORED_CACHED) {
                stored.clear();
            }
            stored.put(storedText, policy);
            return policy;
        } catch (IOException e) {
            throw new IllegalStateException("a stored policy version cannot be read: " + e.getMessage(), e);
        }
    }

    /** A document offered for publication; refused ({@link Refusal.Kind#INVALID}) with every broken field. */
    public Policy parse(String text) {
        var tree = tree(text);
        var violations = new ArrayList<>(schemas.violations(tree, "policy"));
        if (violations.isEmpty()) {
            violations.addAll(conditions(tree));
            violations.addAll(fairness(tree));
            violations.addAll(durations(tree));
            violations.addAll(rollout(tree));
            violations.addAll(monitoring(tree.path("monitoring")));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        try {
            return strict.treeToValue(tree, Policy.class);
        } catch (IOException e) {
            throw Refusal.invalid(List.of(new FieldViolation("", "binding", e.getMessage())));
        }
    }

    private JsonNode tree(String text) {
        JsonNode tree;
        try {
            tree = strict.readTree(text == null ? "" : text);
        } catch (StreamReadException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field")) {
                var field = e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "";
                throw Refusal.invalid(List.of(new FieldViolation(field, "duplicate-key", "the key '"
                        + field.replaceAll(".*[.\\]]", "") + "' appears twice; only one value can apply")));
            }
            throw syntax(e);
        } catch (IOException e) {
            throw syntax(e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw Refusal.invalid(List.of(new FieldViolation("", "required", "a policy document is required")));
        }
        return tree;
    }

    private static Refusal syntax(IOException e) {
        return Refusal.invalid(List.of(new FieldViolation("", "yaml-syntax", "not a single YAML document: "
                + e.getMessage().lines().findFirst().orElse(""))));
    }

    /** The dotted path of the key being read, e.g. {@code rollout.steps[1].percent}. */
    private static String path(JsonStreamContext context) {
        var parts = new ArrayList<String>();
        for (var at = context; at != null && !at.inRoot(); at = at.getParent()) {
            parts.addFirst(at.inArray() ? "[" + at.getCurrentIndex() + "]" : at.getCurrentName());
        }
        var out = new StringBuilder();
        for (var part : parts) {
            out.append(out.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
        }
        return out.toString();
    }

    private List<FieldViolation> conditions(JsonNode tree) {
        var violations = new ArrayList<FieldViolation>();
        var conditions = tree.path("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            try {
                cel.check(conditions.get(i).path("expression").asText());
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("conditions[" + i + "].expression", "cel", e.getMessage()));
            }
        }
        return violations;
    }

    private static List<FieldViolation> fairness(JsonNode tree) {
        var violations = new ArrayList<FieldViolation>();
        var fairness = tree.path("fairness");
        for (int i = 0; i < fairness.size(); i++) {
            if (!fairness.get(i).has("maxGap") && !fairness.get(i).has("minRatio")) {
                violations.add(new FieldViolation("fairness[" + i + "]", "required",
                        "a fairness rule needs maxGap, minRatio or both"));
            }
        }
        return violations;
    }

    private static List<FieldViolation> durations(JsonNode tree) {
        var violations = new ArrayList<FieldViolation>();
        var approvals = tree.path("approvals");
        for (var name : List.of("reminderAfter", "escalateAfter")) {
            if (approvals.has(name)) {
                duration(approvals.get(name), "approvals." + name, violations);
            }
        }
        var steps = tree.path("rollout").path("steps");
        for (int i = 0; i < steps.size(); i++) {
            duration(steps.get(i).path("bake"), "rollout.steps[" + i + "].bake", violations);
        }
        var monitoring = tree.path("monitoring");
        for (var name : List.of("recertifyEvery", "recertifyDueWithin")) {
            if (monitoring.has(name)) {
                duration(monitoring.get(name), "monitoring." + name, violations);
            }
        }
        if (monitoring.path("rollback").has("cooldown")) {
            duration(monitoring.path("rollback").get("cooldown"), "monitoring.rollback.cooldown", violations);
        }
        return violations;
    }

    private static void duration(JsonNode value, String field, List<FieldViolation> violations) {
        try {
            if (!Duration.parse(value.asText()).isPositive()) {
                violations.add(new FieldViolation(field, "duration", "'" + value.asText() + "' is no time at all;"
                        + " use " + DURATION_EXAMPLE));
            }
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "duration", "'" + value.asText() + "' is not "
                    + DURATION_EXAMPLE));
        }
    }

    private static List<FieldViolation> rollout(JsonNode tree) {
        var violations = new ArrayList<FieldViolation>();
        var steps = tree.path("rollout").path("steps");
        var staged = "STAGED".equals(tree.path("rollout").path("strategy").asText());
        if (staged && steps.isEmpty()) {
            violations.add(new FieldViolation("rollout.steps", "required", "a STAGED rollout needs steps"));
        }
        if (!staged && !steps.isEmpty()) {
            violations.add(new FieldViolation("rollout.steps", "staged-only", "a DIRECT rollout serves the new"
                    + " version at once and takes no steps; use strategy STAGED for a canary"));
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).path("percent").asInt() <= steps.get(i - 1).path("percent").asInt()) {
                violations.add(new FieldViolation("rollout.steps[" + i + "].percent", "increasing",
                        "canary percentages must increase from step to step"));
            }
        }
        return violations;
    }

    private static List<FieldViolation> monitoring(JsonNode monitoring) {
        var violations = new ArrayList<FieldViolation>();
        drift(monitoring.path("drift"), violations);
        dataQuality(monitoring.path("dataQuality"), violations);
        performance(monitoring.path("performance"), violations);
        service(monitoring.path("service"), violations);
        return violations;
    }

    private static void drift(JsonNode drift, List<FieldViolation> violations) {
        if (drift.isMissingNode()) {
            return;
        }
        var at = "monitoring.drift";
        window(drift, at, violations);
        for (var statistic : List.of("psi", "jensenShannon")) {
            higherIsWorse(drift.path(statistic), at + "." + statistic, null, violations);
        }
        if (drift.path("jensenShannon").path("breach").asDouble() > 1) {
            violations.add(new FieldViolation(at + ".jensenShannon.breach", "maximum",
                    "a Jensen-Shannon distance (log base 2) is at most 1; a breach level above it never breaches"));
        }
        consecutive(drift, at, violations);
        noRollback(drift, at, "no-rollback-on-drift", "drift alone never rolls a version back: inputs that changed"
                + " do not prove the model is wrong; use alert, review or retrain (a rollback waits for outcomes or"
                + " service signals)", violations);
    }

    private static void dataQuality(JsonNode quality, List<FieldViolation> violations) {
        if (quality.isMissingNode()) {
            return;
        }
        var at = "monitoring.dataQuality";
        window(quality, at, violations);
        var checks = List.of("missingRate", "outOfRangeRate", "unseenCategoryRate", "minRecords");
        if (checks.stream().noneMatch(quality::has)) {
            violations.add(new FieldViolation(at, "required", "data quality needs at least one of "
                    + String.join(", ", checks)));
        }
        for (var rate : checks.subList(0, 3)) {
            if (quality.has(rate)) {
                higherIsWorse(quality.path(rate), at + "." + rate, 1.0, violations);
            }
        }
        if (quality.has("minRecords")) {
            lowerIsWorse(quality.path("minRecords"), at + ".minRecords", null, violations);
        }
        consecutive(quality, at, violations);
        noRollback(quality, at, "no-rollback-on-data-quality", "data quality alone never rolls a version back:"
                + " bad inputs are the data's fault, and the previous version would receive them too; use alert,"
                + " review or retrain", violations);
    }

    private static void performance(JsonNode performance, List<FieldViolation> violations) {
        if (performance.isMissingNode()) {
            return;
        }
        var at = "monitoring.performance";
        window(performance, at, violations);
        duration(performance.path("labelDelay"), at + ".labelDelay", violations);
        var kpis = performance.path("kpis");
        var fairness = performance.path("fairness");
        if (kpis.isEmpty() && fairness.isEmpty()) {
            violations.add(new FieldViolation(at + ".kpis", "required", "performance needs kpis, fairness or both"));
        }
        var kinds = new java.util.TreeSet<String>();
        kpis.fieldNames().forEachRemaining(kpi -> {
            kinds.add(kind(kpi));
            if (Policy.Performance.higherIsWorse(kpi)) {
                higherIsWorse(kpis.path(kpi), at + ".kpis." + kpi, null, violations);
            } else {
                lowerIsWorse(kpis.path(kpi), at + ".kpis." + kpi, 1.0, violations);
            }
        });
        for (int i = 0; i < fairness.size(); i++) {
            var metric = fairness.get(i).path("metric").asText();
            kinds.add(kind(metric));
            higherIsWorse(fairness.get(i).path("maxGap"), at + ".fairness[" + i + "].maxGap",
                    Policy.Performance.higherIsWorse(metric) ? null : 1.0, violations);
        }
        if (kinds.size() > 1) {
            violations.add(new FieldViolation(at + ".kpis", "kpi-kind", "a version is either a classifier (auc,"
                    + " precision, recall, f1, accuracy) or a regressor (mae, rmse); its KPIs and fairness metrics"
                    + " cannot mix both"));
        }
        consecutive(performance, at, violations);
    }

    private static String kind(String kpi) {
        return Policy.Performance.higherIsWorse(kpi) ? "regression" : "classification";
    }

    private static void service(JsonNode service, List<FieldViolation> violations) {
        if (service.isMissingNode()) {
            return;
        }
        var at = "monitoring.service";
        window(service, at, violations);
        var checks = List.of("errorRate", "latencyP95Ms", "latencyP99Ms");
        if (checks.stream().noneMatch(service::has)) {
            violations.add(new FieldViolation(at, "required", "service monitoring needs at least one of "
                    + String.join(", ", checks)));
        }
        for (var check : checks) {
            if (service.has(check)) {
                higherIsWorse(service.path(check), at + "." + check, "errorRate".equals(check) ? 1.0 : null,
                        violations);
            }
        }
        consecutive(service, at, violations);
    }

    private static void window(JsonNode section, String at, List<FieldViolation> violations) {
        var field = at + ".window";
        var before = violations.size();
        duration(section.path("window"), field, violations);
        if (violations.size() == before) {
            var window = Duration.parse(section.path("window").asText());
            if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.getNano() != 0) {
                violations.add(new FieldViolation(field, "window", "'" + section.path("window").asText()
                        + "' is not a window of whole seconds, at least PT1M"));
            }
        }
    }

    /** Levels where a higher value is worse: warn below breach, both at most {@code maximum} when there is one. */
    private static void higherIsWorse(JsonNode levels, String at, Double maximum, List<FieldViolation> violations) {
        if (levels.path("warn").asDouble() >= levels.path("breach").asDouble()) {
            violations.add(new FieldViolation(at + ".warn", "warn-below-breach", "the warn level ("
                    + levels.path("warn").asText() + ") must be below the breach level ("
                    + levels.path("breach").asText() + "): a higher value is worse"));
        }
        atMost(levels, at, maximum, violations);
    }

    /** Levels where a lower value is worse (a minimum): warn above breach, both at most {@code maximum}. */
    private static void lowerIsWorse(JsonNode levels, String at, Double maximum, List<FieldViolation> violations) {
        if (levels.path("warn").asDouble() <= levels.path("breach").asDouble()) {
            violations.add(new FieldViolation(at + ".warn", "warn-above-breach", "the warn level ("
                    + levels.path("warn").asText() + ") must be above the breach level ("
                    + levels.path("breach").asText() + "): a lower value is worse"));
        }
        atMost(levels, at, maximum, violations);
    }

    private static void atMost(JsonNode levels, String at, Double maximum, List<FieldViolation> violations) {
        if (maximum == null) {
            return;
        }
        for (var level : List.of("warn", "breach")) {
            if (levels.path(level).asDouble() > maximum) {
                violations.add(new FieldViolation(at + "." + level, "maximum", "'" + levels.path(level).asText()
                        + "' is a share or a score between 0 and 1; a level above 1 is never reached"));
            }
        }
    }

    private static void consecutive(JsonNode section, String at, List<FieldViolation> violations) {
        var consecutive = section.path("consecutive");
        if (consecutive.path("breaches").asInt() > consecutive.path("of").asInt()) {
            violations.add(new FieldViolation(at + ".consecutive.breaches", "breaches-of",
                    consecutive.path("breaches").asInt() + " breaches cannot happen in the last "
                            + consecutive.path("of").asInt() + " windows; breaches must not exceed of"));
        }
    }

    private static void noRollback(JsonNode section, String at, String rule, String message,
            List<FieldViolation> violations) {
        var actions = section.path("onBreach");
        for (int i = 0; i < actions.size(); i++) {
            if ("rollback".equals(actions.get(i).asText())) {
                violations.add(new FieldViolation(at + ".onBreach[" + i + "]", rule, message));
            }
        }
    }
}
