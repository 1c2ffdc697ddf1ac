/** The serving phase's Flowable adapters: the steps its BPMN calls, its review tasks, breach correlation. */
package org.modelops.governance.serving.flowable;
