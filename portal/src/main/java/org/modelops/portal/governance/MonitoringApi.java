package org.modelops.portal.governance;

import java.util.List;
import java.util.Optional;

/**
 * What the portal asks of the service about production monitoring, as the signed-in user. Refusals are thrown as
 * {@link ServiceRefusal}, an unreachable service as {@link ServiceUnavailable}.
 */
public interface MonitoringApi {

    /** Every monitored version's verdicts; a model nothing was judged for has no versions in it. */
    MonitoringOverview overview(String model);

    /**
     * One signal's {@code metric} (a column for drift and data quality, a KPI for performance; null: the service's
     * choice) over the last {@code windows} closed windows.
     */
    SignalSeries series(String model, int version, String signal, String metric, int windows);

    /** Per-feature drift of the last {@code windows} closed windows, with the version's k-of-n verdict. */
    DriftReport drift(String model, int version, int windows);

    /** The model's retraining requests, newest first; empty when the service does not offer them. */
    Optional<List<RetrainingRequest>> retrainingRequests(String model);

    /**
     * Decides a monitoring review with one of the outcomes the task lists and the reviewer's reason, bound to the
     * evidence the reviewer saw (null: not known).
     */
    void decideReview(String taskId, String outcome, String comment, String evidenceSha256);
}
