package org.modelops.governance.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.modelops.governance.policy.cel.CelConditionEvaluator;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.JsonRequests;

/**
 * Reads a policy document: YAML (or JSON), checked against {@code /schemas/policy.json}, its CEL conditions compiled
 * and type-checked, its rollout steps sensible. Every problem is reported with its field.
 */
@Singleton
public class PolicyDocuments {

    private final ObjectMapper yaml = YAMLMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final JsonRequests schemas;
    private final CelConditionEvaluator cel;

    PolicyDocuments(JsonRequests schemas, CelConditionEvaluator cel) {
        this.schemas = schemas;
        this.cel = cel;
    }

    public Policy parse(String text) {
        JsonNode tree;
        try {
            tree = yaml.readTree(text == null ? "" : text);
        } catch (IOException e) {
            throw Refusal.invalid(List.of(new FieldViolation("", "yaml-syntax", "not a YAML document: "
                    + e.getMessage().lines().findFirst().orElse(""))));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw Refusal.invalid(List.of(new FieldViolation("", "required", "a policy document is required")));
        }
        var violations = new ArrayList<>(schemas.violations(tree, "policy"));
        if (violations.isEmpty()) {
            var conditions = tree.path("conditions");
            for (int i = 0; i < conditions.size(); i++) {
                try {
                    cel.check(conditions.get(i).path("expression").asText());
                } catch (IllegalArgumentException e) {
                    violations.add(new FieldViolation("conditions[" + i + "].expression", "cel", e.getMessage()));
                }
            }
            var steps = tree.path("rollout").path("steps");
            var staged = "STAGED".equals(tree.path("rollout").path("strategy").asText());
            if (staged && steps.isEmpty()) {
                violations.add(new FieldViolation("rollout.steps", "required", "a STAGED rollout needs steps"));
            }
            for (int i = 1; i < steps.size(); i++) {
                if (steps.get(i).path("percent").asInt() <= steps.get(i - 1).path("percent").asInt()) {
                    violations.add(new FieldViolation("rollout.steps[" + i + "].percent", "increasing",
                            "canary percentages must increase from step to step"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        try {
            return yaml.treeToValue(tree, Policy.class);
        } catch (IOException e) {
            throw Refusal.invalid(List.of(new FieldViolation("", "binding", e.getMessage())));
        }
    }
}
