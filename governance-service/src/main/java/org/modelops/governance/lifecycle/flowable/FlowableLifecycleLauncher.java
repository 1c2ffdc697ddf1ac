package org.modelops.governance.lifecycle.flowable;

import jakarta.inject.Singleton;
import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.modelops.governance.registry.LifecycleLauncher;
import org.modelops.governance.registry.model.ModelVersion;
import org.modelops.governance.registry.model.RegisteredModel;

@Singleton
final class FlowableLifecycleLauncher implements LifecycleLauncher {

    static final String PROCESS_KEY = "modelVersionLifecycle";

    private final RuntimeService runtime;

    FlowableLifecycleLauncher(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public String launch(RegisteredModel model, ModelVersion version) {
        var instance = runtime.createProcessInstanceBuilder()
                .processDefinitionKey(PROCESS_KEY)
                .businessKey(version.model().value() + "/" + version.version())
                .variables(Map.of(
                        "model", version.model().value(),
                        "version", version.version(),
                        "riskTier", model.riskTier().name(),
                        "submittedBy", version.submittedBy()))
                .start();
        return instance.getProcessInstanceId();
    }
}
