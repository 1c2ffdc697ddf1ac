package org.modelops.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.modelops.audit.AuditEvent;
import org.modelops.audit.AuditQuery;
import org.modelops.audit.CanonicalForm;
import org.modelops.audit.ChainVerification;
import org.modelops.audit.Checkpoint;
import org.modelops.audit.ExportVerifier;
import org.modelops.audit.JdbcAuditTrail;
import org.modelops.audit.WitnessFile;
import org.modelops.audit.cli.VerifyExport;
import org.modelops.governance.security.Actor;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The insider who owns the database and also holds the signing key: rewrites an event, re-hashes the chain after it
 * and re-signs the stored checkpoints. Chain and checkpoints agree again; only the witness outside the database still
 * holds what was signed.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointWitnessTest extends ServiceTest {

    private static final Path WITNESS = witnessFile();

    @Inject
    AuditLog audit;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(super.getProperties());
        properties.put("governance.audit.witness-file", WITNESS.toString());
        return properties;
    }

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    private static String carl() {
        return IDP.tokenFor("carl", "compliance-officer");
    }

    @Test
    void everySignedCheckpointIsAppendedToTheWitnessOnceCommitted() throws Exception {
        api().post("/api/v1/models", erin(), registration(uniqueName("witnessed"), "LOW"));
        var checkpoint = audit.checkpoint().orElseThrow();
        assertThat(new WitnessFile(WITNESS).read()).contains(checkpoint);
        assertThat(Files.readAllLines(WITNESS)).last().asString().startsWith("{\"checkpoint\":{\"hash\":\""
                + checkpoint.hash() + "\"");
        var verified = audit.verify(null, null);
        assertThat(verified.ok()).as(String.valueOf(verified)).isTrue();
    }

    @Test
    void aWitnessedCheckpointMissingFromTheDatabaseIsNamed() throws Exception {
        api().post("/api/v1/models", erin(), registration(uniqueName("witnessed"), "LOW"));
        var stored = audit.checkpoint().orElseThrow();
        Database.executeAsOwner("ALTER TABLE audit_checkpoints DISABLE TRIGGER USER;"
                + " GRANT DELETE ON audit_checkpoints TO CURRENT_USER; DELETE FROM audit_checkpoints WHERE sequence = "
                + stored.sequence());
        try {
            var result = audit.verify(null, null);
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBrokenSequence()).isEqualTo(stored.sequence());
            assertThat(result.problem()).contains("witnessed checkpoint " + stored.sequence()
                    + " is missing from the database");
        } finally {
            restore(stored);
        }
        assertThat(audit.verify(null, null).ok()).isTrue();
    }

    /** Last: the rewritten chain stays rewritten, and this class's witness rightly keeps saying so. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anInsiderWithTheOwnersPasswordAndTheSigningKeyIsCaughtOnlyByTheWitness() throws Exception {
        var name = uniqueName("rewritten");
        api().post("/api/v1/models", erin(), registration(name, "HIGH"));
        api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9));
        long target = Database.count("SELECT max(sequence) FROM audit_events");
        // An export of the range up to the target signs the target, and the witness sees that checkpoint.
        audit.recordExport(new Actor("s-2", "carl", List.of("compliance-officer")), Map.of("test", true), target);
        api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.91));
        audit.checkpoint().orElseThrow();
        assertThat(new WitnessFile(WITNESS).read()).extracting(Checkpoint::sequence).contains(target);

        rewriteAndResign(target);

        var key = audit.signer().publicKey();
        var withoutWitness = new JdbcAuditTrail(ownDataSource(), Clock.systemUTC()).verify(null, null, key);
        assertThat(withoutWitness.ok()).as("the threat: without a witness the rewrite goes unseen, " + withoutWitness)
                .isTrue();

        var online = api().get("/api/v1/audit/verify", carl());
        assertThat(online.status()).isEqualTo(200);
        assertThat(online.json().path("ok").asBoolean()).as(online.body()).isFalse();
        assertThat(online.json().path("firstBrokenSequence").asLong()).as(online.body()).isEqualTo(target);
        assertThat(online.json().path("problem").asText()).contains("event " + target
                + " no longer has the hash its witness saw");

        var export = api().get("/api/v1/audit/export?format=jsonl", carl());
        assertThat(export.status()).isEqualTo(200);
        var lines = List.of(export.body().split("\n"));
        var offlineWithoutWitness = verifyExport(lines, key, List.of());
        assertThat(offlineWithoutWitness.ok()).as("offline without the witness, " + offlineWithoutWitness).isTrue();
        var offline = verifyExport(lines, key, new WitnessFile(WITNESS).read());
        assertThat(offline.ok()).isFalse();
        assertThat(offline.firstBrokenSequence()).as(String.valueOf(offline)).isEqualTo(target);

        var exportFile = Files.createTempFile("audit-", ".jsonl");
        var keyFile = Files.createTempFile("audit-public-", ".pem");
        Files.writeString(exportFile, export.body());
        Files.writeString(keyFile, audit.signer().publicKeyPem());
        assertThat(VerifyExport.run(exportFile.toString(), "--public-key", keyFile.toString())).isZero();
        assertThat(VerifyExport.run(exportFile.toString(), "--public-key", keyFile.toString(), "--witness",
                WITNESS.toString())).isEqualTo(1);
    }

    /**
     * As the schema's owner: lift the protection, change the event's details, re-hash it and every later event,
     * move the head, and re-sign every stored checkpoint from the target on with the service's own key.
     */
    private void rewriteAndResign(long target) throws SQLException {
        var events = new ArrayList<AuditEvent>();
        new JdbcAuditTrail(ownDataSource(), Clock.systemUTC())
                .forEach(new AuditQuery(null, null, null, null, null, null, target, null), events::add);
        try (var owner = Database.connectAsOwner()) {
            owner.setAutoCommit(false);
            try (var statement = owner.createStatement()) {
                statement.execute("ALTER TABLE audit_events DISABLE TRIGGER USER;"
                        + " ALTER TABLE audit_checkpoints DISABLE TRIGGER USER;"
                        + " GRANT UPDATE ON audit_events, audit_checkpoints TO CURRENT_USER");
            }
            String previous = null;
            for (var event : events) {
                var details = new HashMap<>(event.details());
                if (event.sequence() == target) {
                    details.put("forged", true);
                }
                var unsealed = new AuditEvent(event.sequence(), event.occurredAt(), event.actor(), event.action(),
                        event.subject(), details, event.correlation(),
                        previous == null ? event.previousHash() : previous, null);
                var hash = CanonicalForm.hash(unsealed);
                try (var update = owner.prepareStatement(
                        "UPDATE audit_events SET details = ?::jsonb, previous_hash = ?, hash = ? WHERE sequence = ?")) {
                    update.setString(1, CanonicalForm.canonical(details));
                    update.setString(2, unsealed.previousHash());
                    update.setString(3, hash);
                    update.setLong(4, event.sequence());
                    update.executeUpdate();
                }
                try (var resign = owner.prepareStatement(
                        "UPDATE audit_checkpoints SET hash = ?, signature = ? WHERE sequence = ?")) {
                    var resigned = audit.signer().sign(event.sequence(), hash, java.time.Instant.now());
                    resign.setString(1, hash);
                    resign.setString(2, resigned.signature());
                    resign.setLong(3, event.sequence());
                    if (resign.executeUpdate() == 1) {
                        try (var signedAt = owner.prepareStatement(
                                "UPDATE audit_checkpoints SET signed_at = ? WHERE sequence = ?")) {
                            signedAt.setTimestamp(1, java.sql.Timestamp.from(resigned.signedAt()));
                            signedAt.setLong(2, event.sequence());
                            signedAt.executeUpdate();
                        }
                    }
                }
                previous = hash;
            }
            try (var head = owner.prepareStatement("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1")) {
                head.setString(1, previous);
                head.executeUpdate();
            }
            try (var statement = owner.createStatement()) {
                statement.execute("REVOKE UPDATE ON audit_events, audit_checkpoints FROM CURRENT_USER;"
                        + " ALTER TABLE audit_events ENABLE TRIGGER USER;"
                        + " ALTER TABLE audit_checkpoints ENABLE TRIGGER USER");
            }
            owner.commit();
        }
    }

    private static void restore(Checkpoint checkpoint) {
        Database.executeAsOwner("INSERT INTO audit_checkpoints (sequence, hash, signed_at, key_id, signature) VALUES ("
                + checkpoint.sequence() + ", '" + checkpoint.hash() + "', '" + checkpoint.signedAt() + "', '"
                + checkpoint.keyId() + "', '" + checkpoint.signature() + "');"
                + " REVOKE DELETE ON audit_checkpoints FROM CURRENT_USER; ALTER TABLE audit_checkpoints ENABLE TRIGGER USER");
    }

    private static ChainVerification verifyExport(List<String> lines, PublicKey key, List<Checkpoint> witnessed)
            throws IOException {
        return new ExportVerifier(key, witnessed).verify(new BufferedReader(new StringReader(String.join("\n",
                lines))));
    }

    /** The trail read on a plain connection of the service's role, outside the service. */
    private static PGSimpleDataSource ownDataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(Objects.requireNonNullElse(System.getenv("TEST_DATABASE_URL"),
                "jdbc:postgresql://127.0.0.1:5432/modelops_test"));
        dataSource.setUser(Objects.requireNonNullElse(System.getenv("TEST_DATABASE_USERNAME"), "modelops"));
        dataSource.setPassword(Objects.requireNonNullElse(System.getenv("TEST_DATABASE_PASSWORD"), "modelops"));
        return dataSource;
    }

    private static Path witnessFile() {
        try {
            var directory = Files.createTempDirectory("audit-witness-");
            return directory.resolve("checkpoints.jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
