package org.modelops.cli.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.modelops.cli.http.Json;

/** What an import did (or, with {@code --dry-run}, would do), model by model. */
final class ImportPlan {

    enum Action {
        CREATE, PRESENT, SKIP, SET, NOTE
    }

    record Step(String model, String what, Integer sourceVersion, Integer targetVersion, Action action,
            String detail) {
    }

    private final List<Step> steps = new ArrayList<>();

    void add(Step step) {
        steps.add(step);
    }

    List<Step> steps() {
        return steps;
    }

    long count(Action action) {
        return steps.stream().filter(step -> step.action() == action).count();
    }

    /** Versions and models that could not be imported (a reason each). */
    long skipped() {
        return count(Action.SKIP);
    }

    ObjectNode json(boolean dryRun) {
        var out = Json.object();
        out.put("dryRun", dryRun);
        out.put("created", count(Action.CREATE));
        out.put("alreadyPresent", count(Action.PRESENT));
        out.put("skipped", count(Action.SKIP));
        ArrayNode array = out.putArray("steps");
        for (var step : steps) {
            var node = array.addObject().put("model", step.model()).put("what", step.what())
                    .put("action", step.action().name().toLowerCase(java.util.Locale.ROOT));
            if (step.sourceVersion() != null) {
                node.put("sourceVersion", step.sourceVersion());
            }
            if (step.targetVersion() != null) {
                node.put("targetVersion", step.targetVersion());
            }
            if (step.detail() != null) {
                node.put("detail", step.detail());
            }
        }
        return out;
    }

    String text(Step step, boolean dryRun) {
        var verb = switch (step.action()) {
            case CREATE -> dryRun ? "would import" : "imported";
            case PRESENT -> "already imported";
            case SKIP -> "NOT IMPORTED";
            case SET -> dryRun ? "would set" : "set";
            case NOTE -> dryRun ? "would note" : "noted";
        };
        var subject = step.model() + ("model".equals(step.what()) ? "" : " " + step.what());
        return subject + ": " + verb + (step.targetVersion() != null ? " as v" + step.targetVersion() : "")
                + (step.detail() == null ? "" : " (" + step.detail() + ")");
    }
}
