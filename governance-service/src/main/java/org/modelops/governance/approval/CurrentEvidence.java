package org.modelops.governance.approval;

/** The hash of the evidence a version would be decided on now; approvals are bound to it. */
public interface CurrentEvidence {

    String sha256(String model, int version);
}
