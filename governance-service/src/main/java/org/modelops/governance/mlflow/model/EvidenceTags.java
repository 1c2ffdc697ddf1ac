package org.modelops.governance.mlflow.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.modelops.governance.registry.model.CodeReference;
import org.modelops.governance.registry.model.DataReference;
import org.modelops.governance.registry.model.Sha256;
import org.modelops.governance.registry.model.VersionEvidence;

/**
 * How what an MLflow client sends becomes a version's evidence (docs/mlflow.md, "Evidence"). MLflow carries no
 * digests, datasets or intended use, so they come as tags with the {@code modelops.} prefix; the tags are also kept as
 * they were sent. {@code run_id}, {@code model_id} and {@code run_link} are kept as {@code modelops.mlflow.*} tags.
 */
public final class EvidenceTags {

    public static final String ARTIFACT_SHA256 = "modelops.artifact_sha256";
    public static final String FRAMEWORK = "modelops.framework";
    public static final String INTENDED_USE = "modelops.intended_use";
    public static final String TRAINING_DATA_URI = "modelops.training_data_uri";
    public static final String TRAINING_DATA_SHA256 = "modelops.training_data_sha256";
    public static final String EVALUATION_DATA_URI = "modelops.evaluation_data_uri";
    public static final String EVALUATION_DATA_SHA256 = "modelops.evaluation_data_sha256";
    public static final String CODE_REPOSITORY = "modelops.code_repository";
    public static final String CODE_COMMIT = "modelops.code_commit";
    public static final String METRIC_PREFIX = "modelops.metric.";
    public static final String PARAM_PREFIX = "modelops.param.";
    /** JSON: {@code {"gender=F": {"recall": 0.81}, …}}, parsed by the web adapter. */
    public static final String SLICE_METRICS = "modelops.slice_metrics";
    public static final String RUN_ID = "modelops.mlflow.run_id";
    public static final String MODEL_ID = "modelops.mlflow.model_id";
    public static final String RUN_LINK = "modelops.mlflow.run_link";
    public static final String MLFLOW_GIT_COMMIT = "mlflow.source.git.commit";
    public static final String MLFLOW_GIT_REPO = "mlflow.source.git.repoURL";
    public static final String DEFAULT_FRAMEWORK = "mlflow";

    /** Tags only the service writes: the lifecycle's state and verdicts, and what MLflow sends as fields. */
    public static final List<String> RESERVED_PREFIXES = List.of("modelops.state", "modelops.verdict.",
            "modelops.policy", "modelops.champion_version", "modelops.mlflow.", "modelops.awaiting_evidence");

    /** The rule a policy reports for required evidence, and the tag that provides it. */
    public static final Map<String, String> FOR_METADATA = Map.of("description", "the version's description",
            "intendedUse", "tag " + INTENDED_USE, "trainingData", "tags " + TRAINING_DATA_URI + " and "
                    + TRAINING_DATA_SHA256,
            "evaluationData", "tags " + EVALUATION_DATA_URI + " and " + EVALUATION_DATA_SHA256, "code", "tags "
                    + CODE_REPOSITORY + " and " + CODE_COMMIT,
            "params", "tags " + PARAM_PREFIX + "<name>", "metrics", "tags " + METRIC_PREFIX + "<name>",
            "sliceMetrics", "tag " + SLICE_METRICS);

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final int MAX_FRAMEWORK = 64;

    private EvidenceTags() {
    }

    public static boolean reserved(String key) {
        return RESERVED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** The evidence from the version's tags alone (no tracking server). */
    public static VersionEvidence of(String source, String runId, String modelId, String runLink, String description,
            Map<String, String> tags, Map<String, Map<String, Double>> sliceMetrics) {
        return of(source, runId, modelId, runLink, description, tags, sliceMetrics, Map.of(), true);
    }

    /**
     * The evidence a version's fields and tags give, completed by what its run provides. A tag the version was
     * created with (or given while it waits) wins over its run. A malformed tag is the client's error (400); a part
     * that is missing is left out ({@code artifactSha256} null), for {@link EvidenceGaps} to report.
     *
     * @param tags the version's tags as sent, in order
     * @param sliceMetrics the parsed {@link #SLICE_METRICS} tag, or empty
     * @param fromRun what the version's run provides, under the same tag keys ({@link RunEvidence#defaults});
     *         only well-formed values
     * @param strictPairs whether half a pair (a dataset's URI without its digest, a commit without its repository)
     *         is a 400; otherwise it is left out, for {@link #incompletePairs} to report while the version waits
     */
    public static VersionEvidence of(String source, String runId, String modelId, String runLink, String description,
            Map<String, String> sent, Map<String, Map<String, Double>> sliceMetrics, Map<String, String> fromRun,
            boolean strictPairs) {
        var tags = new LinkedHashMap<>(fromRun);
        tags.putAll(sent);
        if ((description == null || description.isBlank()) && fromRun.containsKey(RunEvidence.DESCRIPTION)) {
            description = fromRun.get(RunEvidence.DESCRIPTION);
        }
        tags.remove(RunEvidence.DESCRIPTION);
        var artifactSha256 = tags.get(ARTIFACT_SHA256);
        var framework = tags.getOrDefault(FRAMEWORK, DEFAULT_FRAMEWORK);
        if (framework.isBlank() || framework.length() > MAX_FRAMEWORK) {
            throw MlflowError.invalid("Tag " + FRAMEWORK + " must be 1 to " + MAX_FRAMEWORK + " characters.");
        }
        var metrics = new LinkedHashMap<String, Double>();
        var params = new LinkedHashMap<String, Object>();
        tags.forEach((key, value) -> {
            if (key.startsWith(METRIC_PREFIX) && key.length() > METRIC_PREFIX.length()) {
                metrics.put(key.substring(METRIC_PREFIX.length()), metric(key, value));
            } else if (key.startsWith(PARAM_PREFIX) && key.length() > PARAM_PREFIX.length()) {
                params.put(key.substring(PARAM_PREFIX.length()), param(value));
            }
        });
        var kept = new LinkedHashMap<>(sent);
        putIfPresent(kept, RUN_ID, runId);
        putIfPresent(kept, MODEL_ID, modelId);
        putIfPresent(kept, RUN_LINK, runLink);
        var commit = tags.getOrDefault(CODE_COMMIT, tags.get(MLFLOW_GIT_COMMIT));
        var repository = tags.getOrDefault(CODE_REPOSITORY, tags.get(MLFLOW_GIT_REPO));
        return new VersionEvidence(source, artifactSha256 == null ? null : sha256(ARTIFACT_SHA256, artifactSha256),
                framework,
                description == null || description.isBlank() ? null : description, blankToNull(tags.get(INTENDED_USE)),
                data(tags, TRAINING_DATA_URI, TRAINING_DATA_SHA256, strictPairs), data(tags, EVALUATION_DATA_URI,
                        EVALUATION_DATA_SHA256, strictPairs),
                code(repository, commit, strictPairs), params, metrics, sliceMetrics, kept);
    }

    /** Half pairs among the tags (and run defaults): what is missing beside what was given. */
    public static List<EvidenceGaps.Gap> incompletePairs(Map<String, String> sent, Map<String, String> fromRun) {
        var tags = new LinkedHashMap<>(fromRun);
        tags.putAll(sent);
        var gaps = new java.util.ArrayList<EvidenceGaps.Gap>();
        half(tags, TRAINING_DATA_URI, TRAINING_DATA_SHA256, gaps);
        half(tags, EVALUATION_DATA_URI, EVALUATION_DATA_SHA256, gaps);
        var commit = tags.getOrDefault(CODE_COMMIT, tags.get(MLFLOW_GIT_COMMIT));
        var repository = tags.getOrDefault(CODE_REPOSITORY, tags.get(MLFLOW_GIT_REPO));
        if (blankToNull(commit) != null && blankToNull(repository) == null) {
            gaps.add(new EvidenceGaps.Gap("the code's repository beside commit " + commit, "tag " + CODE_REPOSITORY));
        }
        return gaps;
    }

    private static void half(Map<String, String> tags, String uriKey, String shaKey, List<EvidenceGaps.Gap> gaps) {
        var uri = blankToNull(tags.get(uriKey));
        var sha = blankToNull(tags.get(shaKey));
        if (uri == null && sha != null) {
            gaps.add(new EvidenceGaps.Gap("the dataset's URI beside " + shaKey, "tag " + uriKey));
        } else if (uri != null && sha == null) {
            gaps.add(new EvidenceGaps.Gap("the dataset's SHA-256 beside " + uriKey, "tag " + shaKey));
        }
    }

    private static CodeReference code(String repository, String commit, boolean strict) {
        if (commit == null || commit.isBlank()) {
            return null;
        }
        if (repository == null || repository.isBlank()) {
            if (!strict) {
                return null;
            }
            throw MlflowError.invalid("The code a version was built from is given by its repository and commit: tag "
                    + CODE_REPOSITORY + " (or " + MLFLOW_GIT_REPO + ") is missing beside the commit.");
        }
        return new CodeReference(repository, commit);
    }

    private static DataReference data(Map<String, String> tags, String uriKey, String shaKey, boolean strict) {
        var uri = blankToNull(tags.get(uriKey));
        var sha = blankToNull(tags.get(shaKey));
        if (uri == null && sha == null) {
            return null;
        }
        if ((uri == null || sha == null) && !strict) {
            return null;
        }
        if (uri == null || sha == null) {
            throw MlflowError.invalid("A dataset is given by both its URI and its SHA-256 digest: tag " + (uri == null
                    ? uriKey
                    : shaKey) + " is missing beside " + (uri == null ? shaKey : uriKey) + ".");
        }
        return new DataReference(uri, sha256(shaKey, sha));
    }

    private static Sha256 sha256(String key, String value) {
        try {
            return new Sha256(value.strip());
        } catch (IllegalArgumentException e) {
            throw MlflowError.invalid("Tag " + key + " must be a SHA-256 digest (64 hexadecimal characters), got '"
                    + value + "'.");
        }
    }

    private static double metric(String key, String value) {
        var text = value.strip();
        if (!NUMBER.matcher(text).matches() || !Double.isFinite(Double.parseDouble(text))) {
            throw MlflowError.invalid("Tag " + key + " must be a finite number, got '" + value + "'.");
        }
        return Double.parseDouble(text);
    }

    private static Object param(String value) {
        var text = value.strip();
        if (text.matches("-?\\d{1,15}")) {
            return Long.parseLong(text);
        }
        if (NUMBER.matcher(text).matches() && Double.isFinite(Double.parseDouble(text))) {
            return Double.parseDouble(text);
        }
        return value;
    }

    private static void putIfPresent(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(key, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A hint for a rule a policy reported as failed: which tag would have provided the evidence. */
    public static String hint(String rule) {
        if (rule.startsWith("required-metadata:")) {
            var provider = FOR_METADATA.get(rule.substring("required-metadata:".length()));
            return provider == null ? null : "give " + provider;
        }
        if (rule.startsWith("kpi:") && !rule.contains("@")) {
            return "report it as tag " + METRIC_PREFIX + rule.substring(4);
        }
        return null;
    }
}
