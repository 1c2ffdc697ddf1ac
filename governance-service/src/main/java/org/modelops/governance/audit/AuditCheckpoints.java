package org.modelops.governance.audit;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Signs the chain's head periodically, so that removing the newest events is detectable. */
@Singleton
class AuditCheckpoints {

    private final AuditLog audit;

    AuditCheckpoints(AuditLog audit) {
        this.audit = audit;
    }

    @Scheduled(fixedDelay = "${governance.audit.checkpoint-interval:1m}", initialDelay = "10s")
    void signHead() {
        audit.checkpoint();
    }
}
