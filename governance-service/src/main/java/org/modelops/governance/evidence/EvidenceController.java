package org.modelops.governance.evidence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.modelops.audit.AuditSubject;
import org.modelops.governance.approval.ApprovalDecisions;
import org.modelops.governance.audit.AuditActions;
import org.modelops.governance.audit.AuditLog;
import org.modelops.governance.lifecycle.DecisionEvidenceReader;
import org.modelops.governance.policy.Policies;
import org.modelops.governance.policy.model.PolicyVerdict;
import org.modelops.governance.registry.ModelRegistry;
import org.modelops.governance.registry.model.LifecycleState;
import org.modelops.governance.security.Actors;
import org.modelops.governance.security.Roles;

/** {@code GET /api/v1/audit/evidence/{model}/{version}}: the evidence bundle of a version's decisions. */
@Controller("/api/v1/audit/evidence")
@Secured({Roles.COMPLIANCE_OFFICER, Roles.GOVERNANCE_ADMIN})
class EvidenceController {

    private final ModelRegistry registry;
    private final Policies policies;
    private final ApprovalDecisions approvals;
    private final AuditLog audit;
    private final DecisionEvidenceReader decisionEvidence;

    EvidenceController(ModelRegistry registry, Policies policies, ApprovalDecisions approvals, AuditLog audit,
            DecisionEvidenceReader decisionEvidence) {
        this.registry = registry;
        this.policies = policies;
        this.approvals = approvals;
        this.audit = audit;
        this.decisionEvidence = decisionEvidence;
    }

    @Serdeable
    record Digests(String artifactUri, String artifactSha256, @Nullable String trainingDataSha256,
            @Nullable String evaluationDataSha256, @Nullable String codeRepository, @Nullable String codeCommit) {
    }

    @Serdeable
    record PolicyText(String name, int version, String sha256, String content, Instant publishedAt,
            String publishedBy) {
    }

    /** {@code evidenceSha256}: the evidence this decision was taken on; it counts only while that is current. */
    @Serdeable
    record Approver(String username, String subject, String decision, @Nullable String comment, Instant decidedAt,
            String task, @Nullable String evidenceSha256, boolean current) {
    }

    @Serdeable
    record Event(long sequence, Instant occurredAt, String actor, String action, Map<String, Object> details,
            String hash) {
    }

    @Serdeable
    record Bundle(String model, int version, LifecycleState state, @Nullable String stateReason, String riskTier,
            String ownerTeam, String submittedBy, Instant submittedAt, Map<String, Double> metrics,
            Map<String, Map<String, Double>> sliceMetrics, Digests digests, @Nullable PolicyText policy,
            @Nullable PolicyVerdict validation, @Nullable PolicyVerdict challenge, @Nullable Integer championVersion,
            List<Approver> approvers, List<Event> auditEvents, String evidenceSha256,
            Map<String, Object> evidenceDocument) {
    }

    @Get("/{model}/{version}")
    @ReadOnly
    Bundle bundle(@PathVariable String model, @PathVariable int version, Authentication caller) {
        var registered = registry.model(model);
        var subject = registry.version(model, version);
        var governance = subject.governance();
        var evidence = subject.evidence();
        PolicyText policy = null;
        if (governance.policyName() != null) {
            var text = policies.version(governance.policyName(), governance.policyVersion());
            policy = new PolicyText(text.name(), text.version(), text.sha256(), text.content(), text.publishedAt(),
                    text.publishedBy());
        }
        var digests = new Digests(evidence.artifactUri(), evidence.artifactSha256().hex(),
                evidence.trainingData() == null ? null : evidence.trainingData().sha256().hex(),
                evidence.evaluationData() == null ? null : evidence.evaluationData().sha256().hex(),
                evidence.code() == null ? null : evidence.code().repository(),
                evidence.code() == null ? null : evidence.code().commit());
        var document = decisionEvidence.current(model, version);
        var current = document.sha256();
        var approvers = approvals.decisions(model, version).stream().map(decision -> new Approver(
                decision.decidedByName(), decision.decidedBy(), decision.decision(), decision.comment(),
                decision.decidedAt(), decision.taskId(), decision.evidenceSha256(),
                current.equals(decision.evidenceSha256()))).toList();
        var events = audit.timeline(model, version).stream().map(event -> new Event(event.sequence(),
                event.occurredAt(), event.actor().username(), event.action(), event.details(), event.hash()))
                .toList();
        audit.recordAlone(Actors.of(caller), AuditActions.EVIDENCE_EXPORTED, AuditSubject.modelVersion(model, version),
                Map.of("events", events.size()));
        return new Bundle(model, version, subject.state(), governance.stateReason(), registered.riskTier().name(),
                registered.ownerTeam(), subject.submittedBy(), subject.submittedAt(), evidence.metrics(),
                evidence.sliceMetrics(), digests, policy, governance.validation(), governance.challenge(),
                governance.championVersion(), approvers, events, current, document.document());
    }
}
