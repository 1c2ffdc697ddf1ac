package org.modelops.portal.governance;

/** The policy version a model version is governed by, pinned when it was submitted. */
public record PolicyReference(String name, int version, String sha256) {

    public String label() {
        return name + " v" + version;
    }
}
