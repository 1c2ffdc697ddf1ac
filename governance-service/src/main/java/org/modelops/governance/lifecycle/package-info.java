/**
 * The lifecycle of a model version, from submission to champion and beyond. The flow is the BPMN process in
 * {@code workflows/model-version-lifecycle.bpmn20.xml}; this package does the work each step asks for and records it.
 */
package org.modelops.governance.lifecycle;
