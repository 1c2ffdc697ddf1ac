package org.modelops.cli.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.modelops.cli.http.Json;

/** A version's verdict in words: its state, why, each failed rule, and the evidence hash decisions are bound to. */
public final class Verdict {

    private Verdict() {
    }

    /** The failed rules of validation and champion–challenger, each as "stage rule: message". */
    public static List<String> failedRules(JsonNode version) {
        var failed = new ArrayList<String>();
        for (var stage : new String[]{"validation", "challenge"}) {
            var verdict = version.path(stage);
            for (var rule : verdict.path("rules")) {
                if (!rule.path("passed").asBoolean(true)) {
                    var actual = Json.text(rule, "actual");
                    var threshold = Json.text(rule, "threshold");
                    failed.add(Json.text(verdict, "stage") + " " + Json.text(rule, "rule") + ": "
                            + Json.text(rule, "message")
                            + (actual != null && threshold != null
                                    ? " (" + actual + ", needs " + threshold + ")"
                                    : ""));
                }
            }
        }
        return failed;
    }

    public static ArrayNode failedRulesJson(JsonNode version) {
        var array = Json.MAPPER.createArrayNode();
        for (var stage : new String[]{"validation", "challenge"}) {
            for (var rule : version.path(stage).path("rules")) {
                if (!rule.path("passed").asBoolean(true)) {
                    array.add(rule.deepCopy());
                }
            }
        }
        return array;
    }

    /** Lines for people: "model vN: STATE — reason", the failed rules, the evidence hash and the policy. */
    public static List<String> describe(JsonNode version) {
        var lines = new ArrayList<String>();
        var reason = Json.text(version, "stateReason");
        lines.add(Json.text(version, "model") + " v" + version.path("version").asText() + ": "
                + Json.text(version, "state") + (reason == null ? "" : " — " + reason));
        for (var rule : failedRules(version)) {
            lines.add("  failed " + rule);
        }
        var policy = version.path("policy");
        if (policy.isObject()) {
            lines.add("  policy " + Json.text(policy, "name") + "@" + policy.path("version").asText() + " (sha256 "
                    + Json.text(policy, "sha256") + ")");
        }
        var evidence = Json.text(version, "evidenceSha256");
        if (evidence != null) {
            lines.add("  evidence sha256 " + evidence);
        }
        return lines;
    }
}
