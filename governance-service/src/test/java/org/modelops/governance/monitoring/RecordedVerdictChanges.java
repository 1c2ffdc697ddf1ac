package org.modelops.governance.monitoring;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test listener: every {@link SignalVerdictChanged} published, in order. */
@Singleton
class RecordedVerdictChanges {

    final List<SignalVerdictChanged> changes = new CopyOnWriteArrayList<>();

    @EventListener
    void on(SignalVerdictChanged change) {
        changes.add(change);
    }
}
