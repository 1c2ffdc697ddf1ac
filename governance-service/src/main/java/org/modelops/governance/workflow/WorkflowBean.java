package org.modelops.governance.workflow;

/**
 * Marks a bean that BPMN expressions may call by its {@code @Named} name, e.g.
 * {@code ${versionLifecycle.enterState(execution, 'VALIDATING')}}. Nothing else is reachable from a process model.
 */
public interface WorkflowBean {
}
