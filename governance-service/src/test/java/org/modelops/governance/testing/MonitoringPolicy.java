package org.modelops.governance.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A test policy with a {@code monitoring} section, as YAML: one approval by a domain expert, hourly windows, and
 * the signals a test asks for with their k-of-n rule and {@code onBreach}. The levels are the shipped policies'
 * (PSI 0.1/0.25, Jensen-Shannon 0.1/0.2, missing rate 0.05/0.1, AUC 0.80/0.75, error rate 0.01/0.05); a test adds
 * KPIs and service levels of its own.
 */
public final class MonitoringPolicy {

    private final String name;
    private final String model;
    private List<String> rollout = List.of("strategy: DIRECT");
    private String cooldown;
    private List<String> drift;
    private List<String> dataQuality;
    private List<String> performance;
    private final List<String> kpis = new ArrayList<>(List.of("auc: { warn: 0.80, breach: 0.75 }"));
    private List<String> service;
    private final List<String> serviceLevels = new ArrayList<>(List.of("errorRate: { warn: 0.01, breach: 0.05 }"));

    private MonitoringPolicy(String name, String model) {
        this.name = name;
        this.model = model;
    }

    /** A policy named {@code name} that applies to the model {@code model}, with a DIRECT rollout. */
    public static MonitoringPolicy of(String name, String model) {
        return new MonitoringPolicy(name, model);
    }

    /** No {@code rollout} section: the default rollout. */
    public MonitoringPolicy defaultRollout() {
        rollout = List.of();
        return this;
    }

    /** A staged rollout of one canary step of {@code percent} that bakes {@code bake}. */
    public MonitoringPolicy canary(int percent, String bake) {
        rollout = List.of("strategy: STAGED", "steps:", "  - { percent: " + percent + ", bake: " + bake + " }");
        return this;
    }

    public MonitoringPolicy cooldown(String duration) {
        cooldown = duration;
        return this;
    }

    public MonitoringPolicy drift(int minSample, int breaches, int of, String onBreach) {
        drift = List.of("minSample: " + minSample, "psi: { warn: 0.1, breach: 0.25 }",
                "jensenShannon: { warn: 0.1, breach: 0.2 }", consecutive(breaches, of), "onBreach: " + onBreach);
        return this;
    }

    /**
     * Data quality on the missing rate and, when {@code minRecords} is given (e.g. {@code { warn: 100, breach: 20 }}),
     * on the volume.
     */
    public MonitoringPolicy dataQuality(int minSample, String minRecords, int breaches, int of, String onBreach) {
        var lines = new ArrayList<>(List.of("minSample: " + minSample, "missingRate: { warn: 0.05, breach: 0.1 }"));
        if (minRecords != null) {
            lines.add("minRecords: " + minRecords);
        }
        lines.add(consecutive(breaches, of));
        lines.add("onBreach: " + onBreach);
        dataQuality = lines;
        return this;
    }

    /** Performance on outcomes: 100 outcomes and a coverage of 0.5 at least, on AUC and the KPIs {@link #kpi} adds. */
    public MonitoringPolicy performance(String labelDelay, int breaches, int of, String onBreach) {
        performance = List.of("labelDelay: " + labelDelay, "minSample: 100", "coverage: 0.5", consecutive(breaches,
                of), "onBreach: " + onBreach);
        return this;
    }

    /** One more KPI of performance, e.g. {@code recall: { warn: 0.6, breach: 0.5 }}. */
    public MonitoringPolicy kpi(String line) {
        kpis.add(line);
        return this;
    }

    /** The service on its error rate and the levels {@link #serviceLevel} adds. */
    public MonitoringPolicy service(int minSample, int breaches, int of, String onBreach) {
        service = List.of("minSample: " + minSample, consecutive(breaches, of), "onBreach: " + onBreach);
        return this;
    }

    /** One more level of the service, e.g. {@code latencyP95Ms: { warn: 200, breach: 500 }}. */
    public MonitoringPolicy serviceLevel(String line) {
        serviceLevels.add(line);
        return this;
    }

    public String yaml() {
        var out = new StringBuilder();
        out.append("name: ").append(name).append("\nappliesTo:\n  models: [").append(model).append("]\n");
        out.append("approvals:\n  count: 1\n  roles: [domain-expert]\n");
        if (!rollout.isEmpty()) {
            out.append("rollout:\n");
            rollout.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        out.append("monitoring:\n");
        if (cooldown != null) {
            out.append("  rollback: { cooldown: ").append(cooldown).append(" }\n");
        }
        section(out, "drift", drift);
        section(out, "dataQuality", dataQuality);
        if (performance != null) {
            var lines = new ArrayList<>(performance.subList(0, 3));
            lines.add("kpis:");
            kpis.forEach(kpi -> lines.add("  " + kpi));
            lines.addAll(performance.subList(3, performance.size()));
            section(out, "performance", lines);
        }
        if (service != null) {
            var lines = new ArrayList<>(service.subList(0, 1));
            lines.addAll(serviceLevels);
            lines.addAll(service.subList(1, service.size()));
            section(out, "service", lines);
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String key, List<String> lines) {
        if (lines == null) {
            return;
        }
        out.append("  ").append(key).append(":\n    window: PT1H\n");
        lines.forEach(line -> out.append("    ").append(line).append('\n'));
    }

    private static String consecutive(int breaches, int of) {
        return "consecutive: { breaches: " + breaches + ", of: " + of + " }";
    }
}
