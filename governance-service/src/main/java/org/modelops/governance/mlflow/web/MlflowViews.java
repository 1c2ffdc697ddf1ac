package org.modelops.governance.mlflow.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.mlflow.MlflowRegistry;
import org.modelops.governance.mlflow.model.EvidenceTags;
import org.modelops.governance.mlflow.model.MlflowModel;
import org.modelops.governance.mlflow.model.MlflowVersion;
import org.modelops.governance.mlflow.model.RegistrationStatus;
import org.modelops.governance.registry.model.ModelVersion;

/**
 * MLflow's JSON shapes: snake_case, {@code version} as a string, timestamps in epoch milliseconds, unset fields
 * omitted. The lifecycle's state and verdicts are shown as {@code modelops.*} tags, so MLflow's own tools show them.
 */
final class MlflowViews {

    static final String STAGE_NONE = "None";

    private MlflowViews() {
    }

    static Map<String, Object> model(MlflowModel found) {
        var model = found.model();
        var view = new LinkedHashMap<String, Object>();
        view.put("name", model.name().value());
        view.put("creation_timestamp", model.createdAt().toEpochMilli());
        view.put("last_updated_timestamp", found.lastUpdated().toEpochMilli());
        if (model.createdBy() != null) {
            view.put("user_id", model.createdBy());
        }
        if (!model.description().isEmpty()) {
            view.put("description", model.description());
        }
        if (found.latest() != null) {
            view.put("latest_versions", List.of(version(found.latest())));
        }
        var tags = new LinkedHashMap<>(model.tags());
        tags.putAll(found.annotations());
        tags.put(MlflowRegistry.OWNER_TEAM_TAG, model.ownerTeam());
        tags.put(MlflowRegistry.RISK_TIER_TAG, model.riskTier().name());
        view.put("tags", tags(tags));
        if (!found.aliases().isEmpty()) {
            var aliases = new ArrayList<Map<String, Object>>();
            found.aliases().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(alias -> aliases.add(
                    Map.of("alias", alias.getKey(), "version", Integer.toString(alias.getValue()))));
            view.put("aliases", aliases);
        }
        return view;
    }

    static Map<String, Object> version(MlflowVersion found) {
        var version = found.version();
        var aliases = found.aliases();
        var annotations = found.annotations();
        var evidence = version.evidence();
        var sent = evidence.tags();
        var status = found.waiting()
                ? new RegistrationStatus(RegistrationStatus.PENDING, found.awaiting())
                : RegistrationStatus.of(version);
        var view = new LinkedHashMap<String, Object>();
        view.put("name", version.model().value());
        view.put("version", Integer.toString(version.version()));
        view.put("creation_timestamp", version.submittedAt().toEpochMilli());
        view.put("last_updated_timestamp", found.lastUpdated().toEpochMilli());
        view.put("user_id", version.submittedBy());
        view.put("current_stage", STAGE_NONE);
        view.put("description", evidence.description() == null ? "" : evidence.description());
        view.put("source", evidence.artifactUri());
        view.put("run_id", sent.getOrDefault(EvidenceTags.RUN_ID, ""));
        view.put("run_link", sent.getOrDefault(EvidenceTags.RUN_LINK, ""));
        view.put("status", status.status());
        view.put("status_message", status.message());
        if (sent.containsKey(EvidenceTags.MODEL_ID)) {
            view.put("model_id", sent.get(EvidenceTags.MODEL_ID));
        }
        var tags = new LinkedHashMap<String, String>();
        sent.forEach((key, value) -> {
            if (!key.startsWith("modelops.mlflow.")) {
                tags.put(key, value);
            }
        });
        tags.putAll(annotations);
        var governance = version.governance();
        if (found.waiting()) {
            tags.put("modelops.awaiting_evidence", "true");
            view.put("tags", tags(tags));
            if (!aliases.isEmpty()) {
                view.put("aliases", aliases);
            }
            return view;
        }
        tags.put("modelops.state", version.state().name());
        if (governance.policyName() != null) {
            tags.put("modelops.policy", governance.policyName() + "@" + governance.policyVersion());
        }
        if (governance.validation() != null) {
            tags.put("modelops.verdict.validation", governance.validation().outcome());
        }
        if (governance.challenge() != null) {
            tags.put("modelops.verdict.champion_challenger", governance.challenge().outcome());
        }
        if (governance.stateReason() != null) {
            tags.put("modelops.state_reason", governance.stateReason());
        }
        view.put("tags", tags(tags));
        if (!aliases.isEmpty()) {
            view.put("aliases", aliases);
        }
        return view;
    }

    private static List<Map<String, String>> tags(Map<String, String> tags) {
        var list = new ArrayList<Map<String, String>>();
        tags.forEach((key, value) -> list.add(Map.of("key", key, "value", value)));
        return list;
    }
}
