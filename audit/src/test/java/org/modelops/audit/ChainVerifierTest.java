package org.modelops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final AuditActor ERIN = new AuditActor("s-1", "erin", List.of("ml-engineer"));

    @Test
    void anUntouchedChainVerifies() {
        var result = verify(chain(5));
        assertThat(result).isEqualTo(ChainVerification.intact(5));
    }

    @Test
    void aChangedDetailBreaksTheChainAtThatEvent() {
        var events = chain(5);
        var third = events.get(2);
        events.set(2, new AuditEvent(third.sequence(), third.occurredAt(), third.actor(), third.action(),
                third.subject(), Map.of("reason", "edited"), third.correlation(), third.previousHash(), third.hash()));
        var result = verify(events);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(3L);
    }

    @Test
    void aRemovedEventIsAGap() {
        var events = chain(5);
        events.remove(1);
        var result = verify(events);
        assertThat(result.firstBrokenSequence()).isEqualTo(2L);
        assertThat(result.problem()).contains("expected sequence 2");
    }

    @Test
    void aRehashedEventStillBreaksTheLinkOfItsSuccessor() {
        var events = chain(4);
        var second = events.get(1);
        var forged = new AuditEvent(second.sequence(), second.occurredAt(), second.actor(), "forged",
                second.subject(), second.details(), second.correlation(), second.previousHash(), null);
        events.set(1, forged.withHash(CanonicalForm.hash(forged)));
        assertThat(verify(events).firstBrokenSequence()).isEqualTo(3L);
    }

    @Test
    void theCanonicalFormSortsMembersAndFixesTheTimePrecision() {
        var event = AuditEvent.sealed(1, Instant.parse("2026-11-23T10:00:00Z"),
                new AuditRecord(ERIN, "model.registered", AuditSubject.model("credit-risk"),
                        Map.of("riskTier", "HIGH", "auc", 0.5)),
                AuditEvent.GENESIS_HASH);
        assertThat(CanonicalForm.of(event)).isEqualTo("{\"action\":\"model.registered\",\"actor\":{\"roles\":"
                + "[\"ml-engineer\"],\"subject\":\"s-1\",\"username\":\"erin\"},\"correlation\":null,"
                + "\"details\":{\"auc\":0.5,\"riskTier\":\"HIGH\"},\"occurredAt\":\"2026-11-23T10:00:00.000000Z\","
                + "\"previousHash\":\"" + AuditEvent.GENESIS_HASH + "\",\"sequence\":1,"
                + "\"subject\":{\"id\":\"credit-risk\",\"type\":\"model\"}}");
    }

    private static List<AuditEvent> chain(int length) {
        var events = new ArrayList<AuditEvent>();
        var previous = AuditEvent.GENESIS_HASH;
        for (int i = 1; i <= length; i++) {
            var event = AuditEvent.sealed(i, Instant.parse("2026-11-23T10:00:00.123456789Z").plusSeconds(i),
                    new AuditRecord(ERIN, "model.registered", AuditSubject.model("m" + i), Map.of("n", i)),
                    previous);
            events.add(event);
            previous = event.hash();
        }
        return events;
    }

    private static ChainVerification verify(List<AuditEvent> events) {
        var verifier = ChainVerifier.fromGenesis();
        events.forEach(verifier::accept);
        return verifier.result();
    }
}
