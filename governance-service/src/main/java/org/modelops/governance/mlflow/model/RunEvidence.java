package org.modelops.governance.mlflow.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a version's MLflow run provides as evidence (docs/mlflow.md, "Evidence from the run"), as default values of
 * the evidence tags: a tag the version carries wins. Only well-formed values are taken; what the run has but cannot
 * serve as evidence (a dataset digest that is not a SHA-256, a commit without its repository) becomes a note, shown
 * when that evidence is missing.
 */
public final class RunEvidence {

    /** Pseudo-key for the run's description ({@code mlflow.note.content}); never a tag of the version. */
    public static final String DESCRIPTION = "modelops.mlflow.description";
    public static final String MLFLOW_NOTE = "mlflow.note.content";
    public static final String DATA_CONTEXT = "mlflow.data.context";

    static final Set<String> TRAINING = Set.of("training", "train");
    static final Set<String> EVALUATION = Set.of("evaluation", "eval", "validation", "test", "testing");

    /** Evidence tags a run or logged model may carry itself (set with mlflow.set_tag in the training code). */
    static final List<String> EVIDENCE_KEYS = List.of(EvidenceTags.ARTIFACT_SHA256, EvidenceTags.FRAMEWORK,
            EvidenceTags.INTENDED_USE, EvidenceTags.TRAINING_DATA_URI, EvidenceTags.TRAINING_DATA_SHA256,
            EvidenceTags.EVALUATION_DATA_URI, EvidenceTags.EVALUATION_DATA_SHA256, EvidenceTags.CODE_REPOSITORY,
            EvidenceTags.CODE_COMMIT);

    private static final Pattern SHA256 = Pattern.compile("(?i)[0-9a-f]{64}");

    /** The defaults and the notes about what could not be used. */
    public record Defaults(Map<String, String> tags, List<String> notes) {

        public static final Defaults NONE = new Defaults(Map.of(), List.of());

        public Defaults {
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
            notes = List.copyOf(notes);
        }
    }

    private RunEvidence() {
    }

    public static Defaults defaults(TrackedRun run) {
        if (run == null) {
            return Defaults.NONE;
        }
        var tags = new LinkedHashMap<String, String>();
        var notes = new ArrayList<String>();
        var where = where(run);
        run.params().forEach((key, value) -> tags.put(EvidenceTags.PARAM_PREFIX + key, value));
        run.metrics().forEach((key, value) -> {
            if (value != null && Double.isFinite(value)) {
                tags.put(EvidenceTags.METRIC_PREFIX + key, Double.toString(value));
            } else {
                notes.add("metric " + key + " of " + where + " is " + value + ", not a finite number");
            }
        });
        var note = run.tags().get(MLFLOW_NOTE);
        if (note != null && !note.isBlank()) {
            tags.put(DESCRIPTION, note);
        }
        var commit = run.tags().get(EvidenceTags.MLFLOW_GIT_COMMIT);
        var repository = run.tags().get(EvidenceTags.MLFLOW_GIT_REPO);
        if (present(commit) && present(repository)) {
            tags.put(EvidenceTags.CODE_COMMIT, commit);
            tags.put(EvidenceTags.CODE_REPOSITORY, repository);
        } else if (present(commit)) {
            notes.add(where + " has the commit " + commit + " (tag " + EvidenceTags.MLFLOW_GIT_COMMIT + ") but no"
                    + " repository (tag " + EvidenceTags.MLFLOW_GIT_REPO + ")");
        }
        dataset(run, TRAINING, "training", EvidenceTags.TRAINING_DATA_URI, EvidenceTags.TRAINING_DATA_SHA256, tags,
                notes);
        dataset(run, EVALUATION, "evaluation", EvidenceTags.EVALUATION_DATA_URI,
                EvidenceTags.EVALUATION_DATA_SHA256, tags, notes);
        for (var key : EVIDENCE_KEYS) {
            var value = run.tags().get(key);
            if (present(value)) {
                tags.put(key, value);
            }
        }
        run.tags().forEach((key, value) -> {
            if ((key.startsWith(EvidenceTags.METRIC_PREFIX) || key.startsWith(EvidenceTags.PARAM_PREFIX))
                    && present(value)) {
                tags.put(key, value);
            }
        });
        if (tags.containsKey(EvidenceTags.ARTIFACT_SHA256)
                && !SHA256.matcher(tags.get(EvidenceTags.ARTIFACT_SHA256).strip()).matches()) {
            notes.add("tag " + EvidenceTags.ARTIFACT_SHA256 + " of " + where + " is not a SHA-256 digest: '"
                    + tags.remove(EvidenceTags.ARTIFACT_SHA256) + "'");
        }
        var unlabelled = run.datasets().stream().filter(dataset -> dataset.context() == null).toList();
        if (!unlabelled.isEmpty()) {
            notes.add(where + " logged the dataset(s) " + unlabelled.stream().map(TrackedRun.Dataset::name).toList()
                    + " without the context tag " + DATA_CONTEXT + " (training or evaluation), so they are not"
                    + " taken as either");
        }
        return new Defaults(tags, notes);
    }

    private static void dataset(TrackedRun run, Set<String> contexts, String role, String uriKey, String shaKey,
            Map<String, String> tags, List<String> notes) {
        var dataset = run.datasets().stream().filter(candidate -> candidate.context() != null
                && contexts.contains(candidate.context().toLowerCase(Locale.ROOT))).findFirst();
        if (dataset.isEmpty()) {
            return;
        }
        var found = dataset.get();
        boolean digest = found.digest() != null && SHA256.matcher(found.digest()).matches();
        if (digest && present(found.uri())) {
            tags.put(uriKey, found.uri());
            tags.put(shaKey, found.digest().toLowerCase(Locale.ROOT));
            return;
        }
        var problems = new ArrayList<String>();
        if (!digest) {
            problems.add("its digest '" + found.digest() + "' is MLflow's short content hash, not a SHA-256 (log"
                    + " it with digest=<sha256>, or set tag " + shaKey + ")");
        }
        if (!present(found.uri())) {
            problems.add("its source names no URI (set tag " + uriKey + ")");
        }
        notes.add("the " + role + " dataset '" + found.name() + "' of " + where(run) + " cannot pin the "
                + role + " data: " + String.join(" and ", problems));
    }

    private static String where(TrackedRun run) {
        return run.runId() != null ? "run " + run.runId() : "logged model " + run.modelId();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
