package org.modelops.governance.monitoring.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelops.governance.monitoring.Baselines;
import org.modelops.governance.monitoring.DriftStatus;
import org.modelops.governance.monitoring.IngestionGate;
import org.modelops.governance.monitoring.OutcomeIngestion;
import org.modelops.governance.monitoring.OutcomeRecord;
import org.modelops.governance.monitoring.SignalStatus;
import org.modelops.governance.monitoring.WindowCounts;
import org.modelops.governance.monitoring.model.Measure;
import org.modelops.governance.monitoring.model.SignalRules;
import org.modelops.governance.monitoring.model.SignalWindow;
import org.modelops.governance.shared.FieldViolation;
import org.modelops.governance.monitoring.PredictionIngestion;
import org.modelops.governance.monitoring.PredictionRecord;
import org.modelops.governance.monitoring.ProfileJson;
import org.modelops.governance.monitoring.model.DriftJudge;
import org.modelops.governance.monitoring.model.MonitoringVerdict;
import org.modelops.governance.policy.model.Policy;
import org.modelops.governance.policy.model.PolicyVersion;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;
import org.modelops.governance.shared.Refusal;
import org.modelops.governance.web.JsonRequests;

/** A version's monitoring: its baseline, the spec collectors count on, prediction records in, drift status out. */
@Controller("/api/v1/models/{name}/versions/{version}")
@Secured(SecurityRule.IS_AUTHENTICATED)
class MonitoringController {

    static final String JSON_LINES = "application/jsonl";
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final Baselines baselines;
    private final PredictionIngestion ingestion;
    private final DriftStatus drift;
    private final JsonRequests requests;
    private final IngestionGate gate;
    private final ErrorResponseProcessor<?> problems;

    private final OutcomeIngestion outcomes;
    private final SignalStatus signals;

    MonitoringController(Baselines baselines, PredictionIngestion ingestion, DriftStatus drift,
            JsonRequests requests, IngestionGate gate, ErrorResponseProcessor<?> problems, OutcomeIngestion outcomes,
            SignalStatus signals) {
        this.outcomes = outcomes;
        this.signals = signals;
        this.baselines = baselines;
        this.ingestion = ingestion;
        this.drift = drift;
        this.requests = requests;
        this.gate = gate;
        this.problems = problems;
    }

    @Serdeable
    record PolicyRef(String name, int version, String sha256) {
        static PolicyRef of(PolicyVersion policy) {
            return new PolicyRef(policy.name(), policy.version(), policy.sha256());
        }
    }

    @Serdeable
    record BaselineRef(long rows, String format, String sampleSha256, String profileSha256, Instant recordedAt,
            String recordedBy) {
    }

    /**
     * What a collector needs to count compatibly: the window and levels of the pinned policy, and per column its
     * frozen bins (numeric: {@code edges}, a value equal to an edge falls in the bin above; categorical:
     * {@code categories}, then {@code unseen}; last, {@code missing}).
     */
    @Serdeable
    record SpecView(String model, int version, PolicyRef policy, @Nullable Map<String, Object> drift,
            BaselineRef baseline, List<Map<String, Object>> columns, @Nullable Map<String, Object> windowCounts) {
    }

    @Serdeable
    record IngestedView(String model, int version, int accepted, int duplicates, List<Instant> windows) {
    }

    @Serdeable
    record ColumnView(String column, String statistic, @Nullable Double value, double warn, double breach,
            MonitoringVerdict verdict, List<Long> counts) {
    }

    @Serdeable
    record WindowView(Instant start, Instant end, long records, MonitoringVerdict verdict, List<ColumnView> columns) {
    }

    @Serdeable
    record StatusView(String model, int version, PolicyRef policy, @Nullable String profileSha256,
            @Nullable Map<String, Object> rule, MonitoringVerdict verdict, String explanation,
            List<WindowView> windows, MonitoringVerdict overall, List<SignalView> signals) {
    }

    @Serdeable
    record MeasureView(String metric, String statistic, @Nullable Double value, @Nullable Double lower,
            @Nullable Double upper, long count, @Nullable Double warn, @Nullable Double breach, String direction,
            MonitoringVerdict verdict, Map<String, Object> detail) {
        static MeasureView of(Measure measure) {
            return new MeasureView(measure.metric(), measure.statistic(), measure.value(), measure.lower(),
                    measure.upper(), measure.count(), measure.warn(), measure.breach(), measure.direction(),
                    measure.verdict(), measure.detail());
        }
    }

    @Serdeable
    record SignalWindowView(Instant start, Instant end, long records, MonitoringVerdict verdict,
            List<MeasureView> measures) {
        static SignalWindowView of(SignalWindow window) {
            return new SignalWindowView(window.start(), window.end(), window.records(), window.verdict(),
                    window.measures().stream().map(MeasureView::of).toList());
        }
    }

    @Serdeable
    record SignalView(String signal, MonitoringVerdict verdict, String explanation, Instant evaluatedAt,
            @Nullable Map<String, Object> rule, List<SignalWindowView> windows) {
    }

    @Serdeable
    record PointView(Instant windowStart, Instant windowEnd, @Nullable Double value, @Nullable Double lower,
            @Nullable Double upper, long count, MonitoringVerdict verdict) {
    }

    @Serdeable
    record SeriesView(String signal, String metric, String statistic, @Nullable Double warn, @Nullable Double breach,
            String direction, List<PointView> points) {
    }

    @Serdeable
    record OutcomesView(String model, int version, int accepted, int duplicates, List<Instant> windows) {
    }

    record Batch(List<PredictionRecord> records) {
    }

    record OutcomeBatch(List<OutcomeRecord> records) {
    }

    @Post(uri = "/baseline", consumes = {CSV, JSON_LINES, NDJSON})
    @Secured(Roles.ML_ENGINEER)
    HttpResponse<SpecView> baseline(@PathVariable String name, @PathVariable int version,
            @Header("Content-Type") String contentType, @Nullable @Body byte[] body, Authentication caller) {
        var format = MediaType.of(contentType).getName().equals(CSV) ? "csv" : "jsonl";
        var sample = JsonRequests.text(body == null ? new byte[0] : body);
        var recorded = baselines.record(Actors.of(caller), name, version, format, sample);
        return HttpResponse.<SpecView>status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(spec(name, version, recorded));
    }

    @Get("/monitoring-spec")
    SpecView spec(@PathVariable String name, @PathVariable int version) {
        return spec(name, version, baselines.baseline(name, version));
    }

    @Post(uri = "/predictions", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.COLLECTOR, Roles.ML_ENGINEER})
    HttpResponse<?> predictions(HttpRequest<?> request, @PathVariable String name, @PathVariable int version,
            @Nullable @Body byte[] body) {
        var batch = requests.value(body, "prediction-batch", Batch.class);
        if (!gate.tryEnter()) {
            return IngestionBusy.response(problems, request);
        }
        try {
            var ingested = ingestion.ingest(name, version, batch.records());
            return HttpResponse.ok(new IngestedView(name, version, ingested.accepted(), ingested.duplicates(),
                    ingested.windows()));
        } finally {
            gate.leave();
        }
    }

    @Post(uri = "/outcomes", consumes = MediaType.APPLICATION_JSON)
    @Secured({Roles.COLLECTOR, Roles.ML_ENGINEER})
    HttpResponse<?> outcomes(HttpRequest<?> request, @PathVariable String name, @PathVariable int version,
            @Nullable @Body byte[] body) {
        var batch = requests.value(body, "outcome-batch", OutcomeBatch.class);
        if (!gate.tryEnter()) {
            return IngestionBusy.response(problems, request);
        }
        try {
            var ingested = outcomes.ingest(name, version, batch.records());
            return HttpResponse.ok(new OutcomesView(name, version, ingested.accepted(), ingested.duplicates(),
                    ingested.windows()));
        } finally {
            gate.leave();
        }
    }

    @Get("/monitoring{?windows}")
    StatusView monitoring(@PathVariable String name, @PathVariable int version, @Nullable @QueryValue Integer windows) {
        var limit = windows == null ? 30 : Math.max(1, Math.min(windows, DriftStatus.MAX_WINDOWS));
        var status = drift.status(name, version, limit);
        var states = signals.states(name, version, limit);
        return new StatusView(name, version, PolicyRef.of(status.policy()),
                status.baseline() == null ? null : status.baseline().profileSha256(),
                status.drift() == null ? null : rule(status.drift()), status.verdict(), status.explanation(),
                status.windows().stream().map(MonitoringController::window).toList(),
                SignalRules.worst(states.stream().map(SignalStatus.State::verdict).toList()),
                states.stream().map(state -> new SignalView(state.signal(), state.verdict(), state.explanation(),
                        state.evaluatedAt(), state.rule(), state.windows().stream().map(SignalWindowView::of)
                                .toList()))
                        .toList());
    }

    @Get("/monitoring/series{?signal,metric,windows}")
    SeriesView series(@PathVariable String name, @PathVariable int version, @Nullable @QueryValue String signal,
            @Nullable @QueryValue String metric, @Nullable @QueryValue Integer windows) {
        var violations = new ArrayList<FieldViolation>();
        if (signal == null || !SignalRules.SIGNALS.contains(signal)) {
            violations.add(new FieldViolation("signal", "enum", "one of " + String.join(", ", SignalRules.SIGNALS)
                    + "; was '" + signal + "'"));
        }
        if (windows != null && (windows < 1 || windows > DriftStatus.MAX_WINDOWS)) {
            violations.add(new FieldViolation("windows", "range", "between 1 and " + DriftStatus.MAX_WINDOWS
                    + ", was " + windows));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        var state = signals.states(name, version, windows == null ? 30 : windows).stream()
                .filter(candidate -> candidate.signal().equals(signal)).findFirst()
                .orElseThrow(() -> Refusal.invalid(List.of(new FieldViolation("signal", "watched", "the policy"
                        + " that governs version " + version + " does not watch " + signal))));
        if (metric == null || metric.isBlank()) {
            metric = defaultMetric(state.windows());
        }
        var points = new ArrayList<PointView>();
        Measure shape = null;
        var known = new java.util.TreeSet<String>();
        for (var window : state.windows()) {
            for (var measure : window.measures()) {
                known.add(measure.metric());
                if (measure.metric().equals(metric)) {
                    shape = measure;
                    points.add(new PointView(window.start(), window.end(), measure.value(), measure.lower(),
                            measure.upper(), measure.count(), measure.verdict()));
                }
            }
        }
        if (shape == null) {
            throw Refusal.invalid(List.of(new FieldViolation("metric", "known", "'" + metric + "' is not measured"
                    + " by " + signal + (known.isEmpty() ? " yet" : "; it measures " + String.join(", ", known)))));
        }
        return new SeriesView(signal, metric, shape.statistic(), shape.warn(), shape.breach(), shape.direction(),
                points);
    }

    /**
     * Without a metric, the series shows the one that needs attention most: the newest window's worst measure (the
     * first of equals in the signal's order), or nothing when no window has been measured.
     */
    private static String defaultMetric(List<? extends SignalWindow> windows) {
        for (int i = windows.size() - 1; i >= 0; i--) {
            Measure worst = null;
            for (var measure : windows.get(i).measures()) {
                if (worst == null || measure.verdict().worse(worst.verdict()) != worst.verdict()) {
                    worst = measure;
                }
            }
            if (worst != null) {
                return worst.metric();
            }
        }
        return "";
    }

    private static WindowView window(DriftJudge.WindowDrift window) {
        return new WindowView(window.start(), window.end(), window.records(), window.verdict(), window.columns()
                .stream().map(column -> new ColumnView(column.column(), column.statistic(), column.value(),
                        column.levels().warn(), column.levels().breach(), column.verdict(), column.counts()))
                .toList());
    }

    private static SpecView spec(String name, int version, Baselines.Recorded recorded) {
        var baseline = recorded.baseline();
        var monitoring = recorded.policy().policy().monitoring();
        @SuppressWarnings("unchecked")
        var columns = (List<Map<String, Object>>) ProfileJson.document(baseline.profile()).get("columns");
        return new SpecView(name, version, PolicyRef.of(recorded.policy()),
                monitoring == null || monitoring.drift() == null ? null : rule(monitoring.drift()),
                new BaselineRef(baseline.profile().rows(), baseline.format(), baseline.sampleSha256(),
                        baseline.profileSha256(), baseline.createdAt(), baseline.createdBy()),
                columns, WindowCounts.spec(monitoring, baseline.profile()));
    }

    private static Map<String, Object> rule(Policy.Drift drift) {
        var out = new LinkedHashMap<String, Object>();
        out.put("window", drift.window().toString());
        out.put("minSample", drift.minSample());
        out.put("psi", Map.of("warn", drift.psi().warn(), "breach", drift.psi().breach()));
        out.put("jensenShannon", Map.of("warn", drift.jensenShannon().warn(), "breach",
                drift.jensenShannon().breach()));
        out.put("consecutive", Map.of("breaches", drift.consecutive().breaches(), "of", drift.consecutive().of()));
        out.put("onBreach", drift.onBreach());
        return out;
    }
}
