package org.modelops.portal.governance;

import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the portal asks of the governance service. Every call runs as the signed-in user; a refusal by the service
 * is thrown as {@link ServiceRefusal}, an unreachable service as {@link ServiceUnavailable}.
 */
public interface GovernanceApi {

    Page<DecisionTask> inbox();

    /**
     * One page of the decisions waiting for the user, oldest first, filtered and counted by the service (here: over
     * {@link #inbox()}, for implementations that hold few).
     */
    default Page<DecisionTask> inbox(InboxFilter filter, int page, int size) {
        var matching = inbox().items().stream().filter(filter::matches)
                .sorted(Comparator.comparing(DecisionTask::createdAt)).toList();
        var from = (int) Math.min((long) page * size, matching.size());
        return new Page<>(matching.subList(from, Math.min(from + size, matching.size())), matching.size(), page, size);
    }

    /**
     * The inbox's first {@code size} decisions, oldest first, with the service's counts of all, high-risk and escalated
     * ones: what the inbox shows first, in one request (here: over {@link #inbox(InboxFilter, int, int)}).
     */
    default InboxPage inboxFirstPage(int size) {
        var first = inbox(InboxFilter.ALL, 0, size);
        return new InboxPage(first.items(), first.total(), 0, size,
                inbox(new InboxFilter(null, "HIGH", null), 0, 1).total(),
                inbox(new InboxFilter(null, null, true), 0, 1).total());
    }

    /** One decision, when it waits for the user. */
    default Optional<DecisionTask> task(String id) {
        return inbox().items().stream().filter(task -> task.id().equals(id)).findFirst();
    }

    /**
     * Approves or rejects with the decider's reasoning, bound to {@code evidenceSha256}: the evidence the person saw
     * (null: not known). If the evidence changed since, the service refuses ({@code evidence-changed}).
     */
    void decide(String taskId, Decision decision, String comment, String evidenceSha256);

    Page<ModelSummary> models(CatalogFilter filter, int page, int size);

    ModelSummary model(String name);

    /**
     * One page of a model's versions, newest first, counted by the service; {@code state} (null: any) keeps those in
     * that lifecycle state.
     */
    Page<ModelVersion> versions(String model, String state, int page, int size);

    Deployment deployment(String model);

    List<TimelineEntry> timeline(String model, int version);

    /**
     * Rolls back {@code expectedVersion}: during a rollout the canary (which stops the rollout), else the champion.
     * If that is no longer so, the service refuses ({@code stale-rollback}) and nothing changes.
     */
    Rollback rollBack(String model, int expectedVersion, String reason);

    void retire(String model, int version, String reason);

    Page<AuditEvent> auditEvents(AuditFilter filter, int page, int size);

    IntegrityReport verifyAuditTrail();

    Download exportAuditTrail(AuditFilter filter, ExportFormat format);

    EvidenceBundle evidenceBundle(String model, int version);

    /**
     * The same calls, authenticated with the signed-in user's current access token, for work that runs after the
     * request has ended (another thread has no sign-in of its own). Valid as long as that token lives (minutes).
     */
    GovernanceApi forBackgroundWork();

    enum Decision {
        APPROVE, REJECT
    }

    enum ExportFormat {
        CSV("csv", "text/csv"), JSON_LINES("jsonl", "application/x-ndjson");

        public final String parameter;
        public final String mediaType;

        ExportFormat(String parameter, String mediaType) {
            this.parameter = parameter;
            this.mediaType = mediaType;
        }
    }

    /** A streamed file from the service; the caller closes the stream. */
    record Download(String fileName, String mediaType, InputStream content) {
    }
}
