package org.modelops.governance.monitoring.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.modelops.governance.monitoring.SignalStatus;
import org.modelops.governance.monitoring.model.MonitoringVerdict;

/** A model's monitoring at a glance: the versions that serve or served recently, each signal's verdict. */
@Controller("/api/v1/models/{name}/monitoring")
@Secured(SecurityRule.IS_AUTHENTICATED)
class ModelMonitoringController {

    private final SignalStatus signals;

    ModelMonitoringController(SignalStatus signals) {
        this.signals = signals;
    }

    @Serdeable
    record SignalView(String signal, MonitoringVerdict verdict, String explanation, Instant evaluatedAt) {
    }

    @Serdeable
    record VersionView(int version, String state, MonitoringVerdict verdict, List<SignalView> signals) {
    }

    @Serdeable
    record ModelView(String model, List<VersionView> versions) {
    }

    @Get
    ModelView monitoring(@PathVariable String name) {
        return new ModelView(name, signals.model(name).stream().map(version -> new VersionView(version.version(),
                version.state(), version.verdict(), version.signals().stream().map(signal -> new SignalView(
                        signal.signal(), signal.verdict(), signal.explanation(), signal.evaluatedAt())).toList()))
                .toList());
    }
}
