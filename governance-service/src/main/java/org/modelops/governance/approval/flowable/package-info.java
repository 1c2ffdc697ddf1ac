/** Approval tasks as Flowable user tasks. */
package org.modelops.governance.approval.flowable;
