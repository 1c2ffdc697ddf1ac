/** The lifecycle's Flowable adapters: a launcher for new versions and the small beans BPMN steps call. */
package org.modelops.governance.lifecycle.flowable;
