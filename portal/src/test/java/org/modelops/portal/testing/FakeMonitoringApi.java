package org.modelops.portal.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.modelops.portal.governance.DriftReport;
import org.modelops.portal.governance.MonitoringApi;
import org.modelops.portal.governance.MonitoringOverview;
import org.modelops.portal.governance.SignalSeries;
import org.modelops.portal.governance.RetrainingRequest;

/**
 * The service's monitoring in memory: nothing judged unless a test put it in; every call recorded; a method told to
 * fail throws instead of answering.
 */
public class FakeMonitoringApi implements MonitoringApi {

    public record Call(String method, List<Object> arguments) {
    }

    public final Map<String, MonitoringOverview> overviews = new HashMap<>();
    /** Keyed by "model/version/signal/metric" (metric "" when the page asked for none). */
    public final Map<String, SignalSeries> series = new HashMap<>();
    /** Keyed by "model/version". */
    public final Map<String, DriftReport> drift = new HashMap<>();
    /** Absent: the service offers no retraining requests. */
    public final Map<String, List<RetrainingRequest>> retraining = new HashMap<>();

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    public FakeMonitoringApi failing(String method, RuntimeException failure) {
        failures.put(method, failure);
        return this;
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    private void record(String method, Object... arguments) {
        calls.add(new Call(method, Arrays.asList(arguments)));
        var failure = failures.get(method);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public MonitoringOverview overview(String model) {
        record("overview", model);
        return overviews.getOrDefault(model, MonitoringOverview.none(model));
    }

    @Override
    public SignalSeries series(String model, int version, String signal, String metric, int windows) {
        record("series", model, version, signal, metric, windows);
        var key = model + "/" + version + "/" + signal + "/" + (metric == null ? "" : metric);
        var found = series.get(key);
        return found != null ? found : new SignalSeries(signal, metric, null, null, null, "above", List.of());
    }

    @Override
    public DriftReport drift(String model, int version, int windows) {
        record("drift", model, version, windows);
        var found = drift.get(model + "/" + version);
        if (found == null) {
            throw FakeGovernanceApi.refusal(404, "baseline-not-found");
        }
        return found;
    }

    @Override
    public Optional<List<RetrainingRequest>> retrainingRequests(String model) {
        record("retrainingRequests", model);
        return Optional.ofNullable(retraining.get(model));
    }

    @Override
    public void decideReview(String taskId, String outcome, String comment, String evidenceSha256) {
        record("decideReview", taskId, outcome, comment, evidenceSha256);
    }
}
