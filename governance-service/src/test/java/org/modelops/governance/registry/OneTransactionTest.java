package org.modelops.governance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/**
 * A submission is one transaction: the version (domain) and its audit event, then its lifecycle's first step
 * (Flowable, which moves the version to VALIDATING and records that), and last the audit event pinning the policy.
 * Here the database refuses that last audit event where the change's transaction writes it (as pending, before it is
 * sealed into the chain: docs/audit.md); nothing of the rest may remain.
 */
@MicronautTest
class OneTransactionTest extends ServiceTest {

    @Test
    void whenTheAuditEventCannotBeWrittenNeitherTheVersionNorItsLifecycleRemain() {
        var name = uniqueName("atomic");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        long eventsBefore = Database.count("SELECT count(*) FROM audit_events");
        var trigger = "refuse_audit_" + name.replace('-', '_');
        Database.executeAsOwner("""
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.action = 'policy.pinned' AND NEW.subject_id LIKE '%2$s/%%' THEN
                        RAISE EXCEPTION 'audit store unavailable (simulated)';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER %1$s BEFORE INSERT ON audit_pending FOR EACH ROW EXECUTE FUNCTION %1$s();
                """.formatted(trigger, name));
        try {
            var response = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9));
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.field("detail")).contains("nothing was changed");
        } finally {
            Database.executeAsOwner("DROP TRIGGER %1$s ON audit_pending; DROP FUNCTION %1$s();".formatted(trigger));
        }

        assertThat(Database.count("SELECT count(*) FROM model_versions v JOIN registered_models m"
                + " ON m.id = v.model_id WHERE m.name = ?", name)).as("domain change").isZero();
        assertThat(Database.count("SELECT count(*) FROM act_hi_procinst WHERE business_key_ LIKE ?", name + "/%"))
                .as("workflow history").isZero();
        assertThat(Database.count("SELECT count(*) FROM act_ru_execution WHERE business_key_ LIKE ?", name + "/%"))
                .as("running workflow").isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_events WHERE subject_id LIKE ?", name + "/%"))
                .as("the submission's and the workflow step's audit events").isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_pending WHERE subject_id LIKE ?", name + "/%"))
                .as("nor pending").isZero();
        assertThat(Database.count("SELECT count(*) FROM audit_events")).isGreaterThanOrEqualTo(eventsBefore);

        var retry = api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("version").asInt()).as("the version number was not consumed").isEqualTo(1);
        assertThat(retry.field("state")).isEqualTo("VALIDATING");
    }
}
