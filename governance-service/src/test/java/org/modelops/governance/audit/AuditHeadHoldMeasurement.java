package org.modelops.governance.audit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.modelops.governance.testing.ServiceTest;

/**
 * Not a test: measures how long governed writes hold the audit chain's head (docs/benchmarks.md). Runs only with
 * {@code -Dmeasure=audit-head}; prints the service's own timers.
 */
@MicronautTest
@EnabledIfSystemProperty(named = "measure", matches = "audit-head")
class AuditHeadHoldMeasurement extends ServiceTest {

    @Test
    void measure() throws Exception {
        int clients = Integer.getInteger("clients", 4);
        int perClient = Integer.getInteger("submissions", 25);
        try (var pool = Executors.newFixedThreadPool(clients)) {
            var done = new ArrayList<Future<?>>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        var name = uniqueName("hold");
                        api().post("/api/v1/models", erin(), registration(name, "LOW"));
                        api().post("/api/v1/models/" + name + "/versions", erin(), submission(0.9));
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        }
        Thread.sleep(3000);
        api().get("/prometheus", null).body().lines().filter(line -> line.startsWith("modelops_audit_"))
                .forEach(System.out::println);
    }
}
