package org.modelops.governance.policy.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Verdicts as plain JSON-ready maps, for storage and for the audit trail. */
public final class VerdictDocuments {

    private VerdictDocuments() {
    }

    public static Map<String, Object> toMap(PolicyVerdict verdict) {
        var map = new LinkedHashMap<String, Object>();
        map.put("stage", verdict.stage());
        map.put("outcome", verdict.outcome());
        map.put("rules", verdict.rules().stream().map(rule -> {
            var r = new LinkedHashMap<String, Object>();
            r.put("rule", rule.rule());
            r.put("kind", rule.kind());
            r.put("passed", rule.passed());
            r.put("actual", rule.actual());
            r.put("threshold", rule.threshold());
            r.put("message", rule.message());
            return r;
        }).toList());
        return map;
    }

    @SuppressWarnings("unchecked")
    public static PolicyVerdict fromMap(Map<String, Object> map) {
        var rules = ((List<Map<String, Object>>) map.get("rules")).stream()
                .map(r -> new RuleResult((String) r.get("rule"), (String) r.get("kind"),
                        Boolean.TRUE.equals(r.get("passed")), (String) r.get("actual"), (String) r.get("threshold"),
                        (String) r.get("message")))
                .toList();
        return new PolicyVerdict((String) map.get("stage"), (String) map.get("outcome"), rules);
    }
}
