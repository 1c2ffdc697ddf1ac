package org.modelops.governance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.modelops.governance.testing.Database;
import org.modelops.governance.testing.ServiceTest;

/** /health tells operators when lifecycle steps are stranded: stuck on a dead owner's lock, or dead-lettered. */
// Not transactional: the engine's calls below must commit, as an operator's would.
@MicronautTest(transactional = false)
class JobsHealthTest extends ServiceTest {

    @Inject
    ManagementService management;

    @Inject
    RuntimeService runtime;

    @Override
    protected boolean runsWorkflowJobs() {
        return false;
    }

    @Test
    void stuckAndDeadLetteredJobsShowInTheOperatorsHealthWhileTheReplicaKeepsServing() {
        var name = uniqueName("stranded");
        assertThat(api().post("/api/v1/models", erin(), registration(name, "LOW")).status()).isEqualTo(201);
        assertThat(api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9)).status())
                .isEqualTo(201);
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(name + "/1").singleResult();
        var job = management.createJobQuery().processInstanceId(instance.getId()).singleResult();
        var admin = IDP.tokenFor("ada", "governance-admin");
        assertThat(jobs(admin).path("status").asText()).isEqualTo("UP");

        Database.execute("UPDATE act_ru_job SET lock_owner_ = 'a-replica-that-died',"
                + " lock_exp_time_ = now() - interval '1 hour' WHERE id_ = '" + job.getId() + "'");
        try {
            var stuck = jobs(admin);
            assertThat(stuck.path("status").asText()).as(stuck.toString()).isEqualTo("DEGRADED");
            assertThat(stuck.path("details").path("stuckJobs").asLong()).isEqualTo(1);
            var anonymous = api().get("/health", null);
            assertThat(anonymous.status()).as("the replica still serves").isEqualTo(200);
            assertThat(anonymous.json().has("details")).isFalse();
        } finally {
            Database.execute("UPDATE act_ru_job SET lock_owner_ = NULL, lock_exp_time_ = NULL WHERE id_ = '"
                    + job.getId() + "'");
        }

        var dead = management.moveJobToDeadLetterJob(job.getId());
        try {
            var deadLettered = jobs(admin);
            assertThat(deadLettered.path("status").asText()).as(deadLettered.toString()).isEqualTo("DEGRADED");
            assertThat(deadLettered.path("details").path("deadLetterJobs").asLong()).isEqualTo(1);
        } finally {
            management.moveDeadLetterJobToExecutableJob(dead.getId(), 3);
        }
        assertThat(jobs(admin).path("status").asText()).isEqualTo("UP");
    }

    private com.fasterxml.jackson.databind.JsonNode jobs(String token) {
        return api().get("/health", token).json().path("details").path("jobs");
    }
}
