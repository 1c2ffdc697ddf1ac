/**
 * The embedded Flowable engine: it shares the service's PostgreSQL database and, more importantly, its transactions,
 * so that a workflow step, the domain change it makes and the audit event recording it commit or roll back together.
 * BPMN files are read from {@code workflows/} and deployed at start-up; expressions in them reach only beans that
 * declare themselves {@link org.modelops.governance.workflow.WorkflowBean}s.
 */
package org.modelops.governance.workflow;
