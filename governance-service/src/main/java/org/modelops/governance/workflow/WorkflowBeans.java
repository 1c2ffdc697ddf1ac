package org.modelops.governance.workflow;

import io.micronaut.context.BeanContext;
import jakarta.inject.Named;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The beans BPMN expressions can resolve, looked up lazily (beans may need the engine themselves). */
final class WorkflowBeans extends AbstractMap<Object, Object> {

    private final Supplier<Map<Object, Object>> beans;

    WorkflowBeans(BeanContext context) {
        this.beans = io.micronaut.core.util.SupplierUtil.memoized(() -> context.getBeanRegistrations(WorkflowBean.class)
                .stream()
                .collect(Collectors.toUnmodifiableMap(
                        registration -> registration.getBeanDefinition().stringValue(Named.class)
                                .orElseThrow(() -> new IllegalStateException(registration.getBeanDefinition()
                                        .getBeanType() + " is a WorkflowBean without @Named")),
                        registration -> (Object) registration.getBean())));
    }

    @Override
    public Object get(Object key) {
        return beans.get().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return beans.get().containsKey(key);
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return beans.get().entrySet();
    }
}
