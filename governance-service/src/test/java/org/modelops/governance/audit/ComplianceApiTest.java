package org.modelops.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelops.audit.ChainVerification;
import org.modelops.audit.CheckpointSigner;
import org.modelops.audit.ExportVerifier;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class ComplianceApiTest extends ServiceTest {

    @Inject
    AuditLog audit;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static String carl() {
        return IDP.tokenFor("carl", "compliance-officer");
    }

    private String modelWithAVersion() {
        var name = uniqueName("audited");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "HIGH")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9)).status())
                .isEqualTo(201);
        return name;
    }

    @Test
    void aComplianceOfficerFindsEverythingRecordedAboutAModel() {
        var name = modelWithAVersion();
        var found = api().get("/api/v1/audit?model=" + name, carl());
        assertThat(found.status()).isEqualTo(200);
        var actions = new ArrayList<String>();
        found.json().path("items").forEach(item -> actions.add(item.path("action").asText()));
        assertThat(actions).containsExactly("policy.pinned", "version.state-changed", "version.submitted",
                "model.registered");
        assertThat(found.json().path("total").asInt()).isEqualTo(4);
        assertThat(found.json().path("items").get(2).path("actor").asText()).isEqualTo("erin");
        assertThat(found.json().path("items").get(2).path("details").path("artifactSha256").asText())
                .isEqualTo("a".repeat(64));

        var byVersion = api().get("/api/v1/audit?model=" + name + "&version=1&action=version.submitted", carl());
        assertThat(byVersion.json().path("total").asInt()).isEqualTo(1);
        var byActor = api().get("/api/v1/audit?actor=erin&size=1", carl());
        assertThat(byActor.json().path("items")).hasSize(1);

        // A reader paging through the trail pins it at the newest event it saw: later events do not shift its pages.
        long submitted = found.json().path("items").get(2).path("sequence").asLong();
        var pinned = api().get("/api/v1/audit?model=" + name + "&toSequence=" + submitted, carl());
        assertThat(pinned.json().path("total").asInt()).isEqualTo(2);
        assertThat(pinned.json().path("items").get(0).path("action").asText()).isEqualTo("version.submitted");
        var window = api().get("/api/v1/audit?model=" + name + "&fromSequence=" + submitted + "&toSequence="
                + submitted, carl());
        assertThat(window.json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void othersMayNotReadTheTrailAndTheirAttemptIsRecorded() {
        var denied = "SELECT count(*) FROM audit_events WHERE action = 'access.denied' AND actor_username = 'dana'"
                + " AND subject_id = 'GET /api/v1/audit'";
        var before = Database.count(denied);
        var response = api().get("/api/v1/audit", dana());
        assertThat(response.status()).isEqualTo(403);
        assertThat(Database.count(denied)).isEqualTo(before + 1);
    }

    @Test
    void aBadTimeFilterNamesTheParameter() {
        var response = api().get("/api/v1/audit?from=yesterday", carl());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
    }

    @Test
    void anExportVerifiesOfflineWithThePublishedKeyAndAOneByteChangeFails() throws Exception {
        modelWithAVersion();
        var key = CheckpointSigner.publicKey(api().get("/api/v1/audit/public-key", null).body()
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        var export = api().get("/api/v1/audit/export?format=jsonl", carl());
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains(".jsonl");
        var lines = new ArrayList<>(List.of(export.body().split("\n")));
        assertThat(lines.getLast()).startsWith("{\"checkpoint\":");
        long eventLines = lines.stream().filter(line -> line.startsWith("{\"action\"")).count();
        var result = verify(lines, key);
        assertThat(result.ok()).as(String.valueOf(result)).isTrue();
        assertThat(result.checked()).isEqualTo(eventLines).isGreaterThanOrEqualTo(3);

        int target = lines.size() / 2;
        lines.set(target, lines.get(target).replaceFirst("\"action\":\"(.)", "\"action\":\"X"));
        var tampered = verify(lines, key);
        assertThat(tampered.ok()).isFalse();
        assertThat(tampered.firstBrokenSequence()).isEqualTo(target);
    }

    @Test
    void anExportOfAnEarlierRangeEndsAtASignedCheckpointAndFailsWithoutIt() throws Exception {
        modelWithAVersion();
        long last = Database.count("SELECT max(sequence) FROM audit_events") - 1;
        modelWithAVersion();
        var key = CheckpointSigner.publicKey(api().get("/api/v1/audit/public-key", null).body()
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        var export = api().get("/api/v1/audit/export?format=jsonl&fromSequence=2&toSequence=" + last, carl());
        assertThat(export.status()).isEqualTo(200);
        var lines = new ArrayList<>(List.of(export.body().split("\n")));
        assertThat(lines.getFirst()).contains("\"firstSequence\":2").contains("\"lastSequence\":" + last);
        var result = verify(lines, key);
        assertThat(result.ok()).as(String.valueOf(result)).isTrue();
        assertThat(result.checked()).isEqualTo(last - 1);

        lines.removeIf(line -> line.startsWith("{\"checkpoint\""));
        var stripped = verify(lines, key);
        assertThat(stripped.ok()).isFalse();
        assertThat(stripped.problem()).contains("no signed checkpoint covers event " + last);
    }

    @Test
    void aCsvExportHasAHeaderAndOneRowPerEvent() {
        var name = modelWithAVersion();
        var export = api().get("/api/v1/audit/export?format=csv&model=" + name, carl());
        assertThat(export.status()).isEqualTo(200);
        var rows = export.body().split("\r\n");
        assertThat(rows[0]).startsWith("sequence,occurredAt,actorUsername");
        assertThat(rows).hasSize(5);
        assertThat(rows[1]).contains(",model.registered,model," + name + ",");
    }

    @Test
    void verifyingTheChainIsItselfRecorded() {
        modelWithAVersion();
        var result = api().get("/api/v1/audit/verify", carl());
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("ok").asBoolean()).as(result.body()).isTrue();
        assertThat(result.json().path("checked").asLong()).isPositive();
        assertThat(result.json().path("firstBrokenSequence").isNull()).isTrue();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE action = 'audit.verified'"
                + " AND actor_username = 'carl'")).isPositive();
    }

    @Test
    void aRowChangedBehindTheServicesBackIsNamedByItsSequence() {
        modelWithAVersion();
        long target = Database.count("SELECT max(sequence) - 1 FROM audit_events");
        withProtectionLifted(() -> {
            Database.executeAsOwner(
                    "UPDATE audit_events SET details = details || '{\"forged\": true}' WHERE sequence = "
                            + target);
            try {
                var result = audit.verify(null, null);
                assertThat(result.ok()).isFalse();
                assertThat(result.firstBrokenSequence()).isEqualTo(target);
            } finally {
                Database.executeAsOwner("UPDATE audit_events SET details = details - 'forged' WHERE sequence = "
                        + target);
            }
        });
        assertThat(audit.verify(null, null).ok()).isTrue();
    }

    @Test
    void deletingTheNewestEventsIsCaughtByTheSignedCheckpoint() {
        modelWithAVersion();
        audit.checkpoint();
        long last = Database.count("SELECT max(sequence) FROM audit_events");
        withProtectionLifted(() -> {
            Database.executeAsOwner("DROP TABLE IF EXISTS audit_tail_backup; CREATE TABLE audit_tail_backup AS"
                    + " SELECT * FROM audit_events WHERE sequence > " + (last - 2));
            Database.executeAsOwner("DELETE FROM audit_events WHERE sequence > " + (last - 2));
            try {
                var result = audit.verify(null, null);
                assertThat(result.ok()).isFalse();
                assertThat(result.firstBrokenSequence()).isEqualTo(last - 1);
                assertThat(result.problem()).contains("newest events were removed");
            } finally {
                Database.executeAsOwner("INSERT INTO audit_events SELECT * FROM audit_tail_backup;"
                        + " DROP TABLE audit_tail_backup");
            }
        });
        assertThat(audit.verify(null, null).ok()).isTrue();
    }

    /** What only the schema's owner (a database administrator) could do: lift grants and triggers, then restore. */
    private static void withProtectionLifted(Runnable tampering) {
        Database.executeAsOwner("ALTER TABLE audit_events DISABLE TRIGGER USER;"
                + " GRANT UPDATE, DELETE ON audit_events TO CURRENT_USER");
        try {
            tampering.run();
        } finally {
            Database.executeAsOwner("REVOKE UPDATE, DELETE ON audit_events FROM CURRENT_USER;"
                    + " ALTER TABLE audit_events ENABLE TRIGGER USER");
        }
    }

    private static ChainVerification verify(List<String> lines, java.security.PublicKey key) throws Exception {
        return new ExportVerifier(key).verify(new BufferedReader(new StringReader(String.join("\n", lines))));
    }
}
