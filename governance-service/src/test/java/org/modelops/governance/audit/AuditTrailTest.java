package org.modelops.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

@MicronautTest
class AuditTrailTest extends ServiceTest {

    /** Grants refuse first; the trigger stands behind them for any role that regains the privilege. */
    private static final String REFUSED = "(?s).*(permission denied for table audit_events|append-only).*";

    @Inject
    AuditLog audit;

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void theChainOfEverythingRecordedSoFarVerifies() {
        var name = uniqueName("audited");
        api().post("/api/v1/models", erin(), registration(name, "LOW"));
        api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.7));
        var result = audit.verify(null, null);
        assertThat(result.ok()).as(String.valueOf(result)).isTrue();
        assertThat(result.checked()).isEqualTo(Database.count("SELECT count(*) FROM audit_events"));
        assertThat(result.checked()).isGreaterThanOrEqualTo(3);
    }

    /** Verification and export stream the chain with PostgreSQL's COPY: the service's connections must allow it. */
    @Test
    void theServicesConnectionsLetVerificationStreamTheChain() {
        boolean copies = transactions.executeRead(status -> {
            try (var connection = dataSource.getConnection()) {
                return connection.isWrapperFor(org.postgresql.PGConnection.class);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(copies).isTrue();
    }

    @Test
    void manyConcurrentWritersProduceOneUnbrokenChain() throws Exception {
        long before = Database.count("SELECT coalesce(max(sequence), 0) FROM audit_events");
        int writers = 12;
        int each = 20;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        audit.recordAlone(new org.modelops.governance.security.Actor("s-" + writer, "writer-" + writer,
                                java.util.List.of("ml-engineer")), "test.concurrent-append",
                                org.modelops.audit.AuditSubject.model("concurrency"), java.util.Map.of("i", i));
                    }
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
        long after = Database.count("SELECT max(sequence) FROM audit_events");
        assertThat(after - before).isEqualTo((long) writers * each);
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE sequence > ?", before))
                .as("no gaps").isEqualTo((long) writers * each);
        var result = audit.verify(null, null);
        assertThat(result.ok()).as(String.valueOf(result)).isTrue();
        assertThat(Database.count("SELECT count(DISTINCT previous_hash) FROM audit_events")).as("no forks")
                .isEqualTo(Database.count("SELECT count(*) FROM audit_events"));
    }

    @Test
    void theServicesOwnDatabaseRoleCannotChangeOrRemoveEvents() {
        api().post("/api/v1/models", erin(), registration(uniqueName("protected"), "LOW"));
        assertThatThrownBy(() -> Database.execute("UPDATE audit_events SET action = 'x' WHERE sequence = 1"))
                .hasMessageMatching(REFUSED);
        assertThatThrownBy(() -> Database.execute("DELETE FROM audit_events WHERE sequence = 1"))
                .hasMessageMatching(REFUSED);
        assertThatThrownBy(() -> Database.execute("TRUNCATE audit_events")).hasMessageMatching(REFUSED);
        assertThatThrownBy(() -> Database.execute("ALTER TABLE audit_events DISABLE TRIGGER USER"))
                .as("the service's role cannot lift the protection").hasMessageContaining("must be owner");
    }

    @Test
    void theServicesRoleIsNoOwnerAndCannotBecomeOneNorAlterDropOrTruncateTheAuditTables() {
        assertThat(Database.count("SELECT count(*) FROM pg_roles WHERE rolname = current_user"
                + " AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)")).as("no special powers")
                .isZero();
        assertThat(Database.count("SELECT count(*) FROM pg_tables WHERE tablename IN ('audit_events',"
                + " 'audit_checkpoints', 'audit_chain_head') AND tableowner = current_user")).isZero();
        assertThat(Database.count("SELECT count(*) FROM pg_roles owner WHERE owner.rolname IN (SELECT tableowner"
                + " FROM pg_tables WHERE tablename = 'audit_events') AND pg_has_role(current_user, owner.oid, 'MEMBER')"))
                .as("no membership in the owner role").isZero();
        String owner = "(SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events')";
        assertThatThrownBy(() -> Database.execute("DO $$ BEGIN EXECUTE format('SET ROLE %I', " + owner + "); END $$"))
                .hasMessageContaining("permission denied to set role");
        assertThatThrownBy(() -> Database.execute(
                "DO $$ BEGIN EXECUTE format('GRANT %I TO CURRENT_USER', " + owner + "); END $$"))
                .hasMessageMatching("(?s).*(permission denied to grant role|must have admin option on role).*");
        for (var table : java.util.List.of("audit_events", "audit_checkpoints")) {
            assertThatThrownBy(() -> Database.execute("ALTER TABLE " + table + " DISABLE TRIGGER ALL"))
                    .as(table).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> Database.execute("ALTER TABLE " + table + " OWNER TO CURRENT_USER"))
                    .as(table).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> Database.execute("ALTER TABLE " + table + " ADD COLUMN forged text"))
                    .as(table).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> Database.execute("DROP TABLE " + table)).as(table)
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> Database.execute("TRUNCATE " + table)).as(table)
                    .hasMessageMatching("(?s).*(permission denied for table " + table + "|append-only).*");
            assertThatThrownBy(() -> Database.execute("UPDATE " + table + " SET sequence = sequence"))
                    .as(table).hasMessageMatching("(?s).*(permission denied for table " + table + "|append-only).*");
            assertThatThrownBy(() -> Database.execute("DELETE FROM " + table)).as(table)
                    .hasMessageMatching("(?s).*(permission denied for table " + table + "|append-only).*");
            assertThatThrownBy(() -> Database.execute("CREATE TRIGGER forged BEFORE INSERT ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()")).as(table)
                    .hasMessageMatching("(?s).*(permission denied for table " + table + "|must be owner).*");
        }
        assertThatThrownBy(() -> Database.execute("DROP TRIGGER audit_events_append_only ON audit_events"))
                .hasMessageContaining("must be owner");
        assertThatThrownBy(() -> Database.execute("CREATE OR REPLACE FUNCTION audit_events_refuse_change()"
                + " RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"))
                .hasMessageContaining("must be owner of function");
    }
}
