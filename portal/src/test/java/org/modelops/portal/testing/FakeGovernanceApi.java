package org.modelops.portal.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.modelops.portal.governance.AuditEvent;
import org.modelops.portal.governance.AuditFilter;
import org.modelops.portal.governance.CatalogFilter;
import org.modelops.portal.governance.DecisionTask;
import org.modelops.portal.governance.Deployment;
import org.modelops.portal.governance.EvidenceBundle;
import org.modelops.portal.governance.GovernanceApi;
import org.modelops.portal.governance.InboxPage;
import org.modelops.portal.governance.IntegrityReport;
import org.modelops.portal.governance.ModelSummary;
import org.modelops.portal.governance.ModelVersion;
import org.modelops.portal.governance.Page;
import org.modelops.portal.governance.Rollback;
import org.modelops.portal.governance.ServiceRefusal;
import org.modelops.portal.governance.TimelineEntry;

/**
 * The governance service in memory: answers from what a test put in, records every call in order, and throws what
 * a test told a method to throw (for example a {@link ServiceRefusal}) instead of answering.
 */
public class FakeGovernanceApi implements GovernanceApi {

    /** One call the portal made: the method's name and its arguments. */
    public record Call(String method, List<Object> arguments) {
    }

    /** One {@link GovernanceApi#decide} call. */
    public record Decided(String taskId, Decision decision, String comment, String evidenceSha256) {
    }

    public final List<DecisionTask> tasks = new ArrayList<>();
    public final Map<String, ModelSummary> models = new LinkedHashMap<>();
    public final Map<String, List<ModelVersion>> versions = new HashMap<>();
    public final Map<String, Deployment> deployments = new HashMap<>();
    public final List<AuditEvent> auditTrail = new ArrayList<>();
    public EvidenceBundle evidence = new EvidenceBundle(Map.of("state", "CHAMPION"), "{}");
    public IntegrityReport integrity = new IntegrityReport(true, 0, null, null);
    /** What {@link #rollBack} answers; null: the version asked for was rolled back and nothing serves. */
    public Rollback rollback;

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    /** Every call of {@code method} from now on throws {@code failure}. */
    public FakeGovernanceApi failing(String method, RuntimeException failure) {
        failures.put(method, failure);
        return this;
    }

    /** The refusal the service sends for a problem type, e.g. {@code refusal(409, "task-already-decided")}. */
    public static ServiceRefusal refusal(int status, String problem) {
        return new ServiceRefusal(status, "/problems/" + problem, "refused", null, List.of());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The calls other than reading, i.e. those that would change something in the service. */
    public List<Call> changes() {
        return calls.stream()
                .filter(c -> List.of("decide", "rollBack", "retire").contains(c.method()))
                .toList();
    }

    public List<Decided> decisions() {
        return calls("decide").stream()
                .map(c -> new Decided((String) c.arguments().get(0), (Decision) c.arguments().get(1),
                        (String) c.arguments().get(2), (String) c.arguments().get(3)))
                .toList();
    }

    /** The filters of every audit query, oldest first. */
    public List<AuditFilter> auditQueries() {
        return calls("auditEvents").stream().map(c -> (AuditFilter) c.arguments().get(0)).toList();
    }

    private void record(String method, Object... arguments) {
        calls.add(new Call(method, Arrays.asList(arguments)));
        var failure = failures.get(method);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Page<DecisionTask> inbox() {
        record("inbox");
        return Page.of(tasks);
    }

    /** As the service answers it: one request for the first page and the three counts. */
    @Override
    public InboxPage inboxFirstPage(int size) {
        record("inboxFirstPage", size);
        if (failures.containsKey("inbox")) {
            throw failures.get("inbox"); // one failure for every way of reading the inbox
        }
        var oldestFirst = tasks.stream().sorted(java.util.Comparator.comparing(DecisionTask::createdAt)).toList();
        var first = oldestFirst.subList(0, Math.min(size, oldestFirst.size()));
        return new InboxPage(first, tasks.size(), 0, size,
                tasks.stream().filter(t -> "HIGH".equals(t.riskTier())).count(),
                tasks.stream().filter(DecisionTask::escalated).count());
    }

    @Override
    public void decide(String taskId, Decision decision, String comment, String evidenceSha256) {
        record("decide", taskId, decision, comment, evidenceSha256);
    }

    @Override
    public Page<ModelSummary> models(CatalogFilter filter, int page, int size) {
        record("models", filter, page, size);
        var matching = models.values()
                .stream()
                .filter(m -> filter.text() == null || filter.text().isBlank() || m.name().contains(filter.text()))
                .filter(m -> filter.riskTier() == null || filter.riskTier().equals(m.riskTier()))
                .toList();
        return page(matching, page, size);
    }

    @Override
    public ModelSummary model(String name) {
        record("model", name);
        var model = models.get(name);
        if (model == null) {
            throw refusal(404, "model-not-found");
        }
        return model;
    }

    /** As the service answers: newest first, optionally one state's, one page of them with the count of all. */
    @Override
    public Page<ModelVersion> versions(String model, String state, int page, int size) {
        record("versions", model, state, page, size);
        var matching = versions.getOrDefault(model, List.of())
                .stream()
                .filter(v -> state == null || state.equals(v.state()))
                .sorted(java.util.Comparator.comparingInt(ModelVersion::version).reversed())
                .toList();
        return page(matching, page, size);
    }

    @Override
    public Deployment deployment(String model) {
        record("deployment", model);
        return deployments.getOrDefault(model, new Deployment(model, List.of()));
    }

    @Override
    public List<TimelineEntry> timeline(String model, int version) {
        record("timeline", model, version);
        return List.of();
    }

    @Override
    public Rollback rollBack(String model, int expectedVersion, String reason) {
        record("rollBack", model, expectedVersion, reason);
        return rollback != null
                ? rollback
                : new Rollback(model, expectedVersion, "ROLLED_BACK", "rolled back: " + reason, false, null);
    }

    @Override
    public void retire(String model, int version, String reason) {
        record("retire", model, version, reason);
    }

    @Override
    public Page<AuditEvent> auditEvents(AuditFilter filter, int page, int size) {
        record("auditEvents", filter, page, size);
        var matching = auditTrail.stream()
                .filter(e -> blank(filter.model()) || e.subjectId().startsWith(filter.model().strip()))
                .filter(e -> blank(filter.actor()) || e.actor().equals(filter.actor().strip()))
                .filter(e -> blank(filter.action()) || e.action().equals(filter.action()))
                .filter(e -> filter.upToSequence() == null || e.sequence() <= filter.upToSequence())
                .toList();
        return page(matching, page, size);
    }

    @Override
    public GovernanceApi forBackgroundWork() {
        record("forBackgroundWork");
        return this;
    }

    @Override
    public IntegrityReport verifyAuditTrail() {
        record("verifyAuditTrail");
        return integrity;
    }

    @Override
    public Download exportAuditTrail(AuditFilter filter, ExportFormat format) {
        record("exportAuditTrail", filter, format);
        return new Download("audit." + format.parameter, format.mediaType,
                new ByteArrayInputStream("".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public EvidenceBundle evidenceBundle(String model, int version) {
        record("evidenceBundle", model, version);
        return evidence;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static <T> Page<T> page(List<T> all, int page, int size) {
        var from = Math.min(all.size(), page * size);
        var to = Math.min(all.size(), from + size);
        return new Page<>(all.subList(from, to), all.size(), page, size);
    }
}
