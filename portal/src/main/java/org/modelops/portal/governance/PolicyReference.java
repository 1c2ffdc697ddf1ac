package org.modelops.portal.governance;

/** The policy version a model version is governed by, pinned when it was submitted. */
public record PolicyReference(String name, Integer version, String sha256) {

    /** "low-risk v3"; empty for a version submitted before policies were pinned. */
    public String label() {
        if (name == null || name.isBlank()) {
            return "";
        }
        return version == null ? name : name + " v" + version;
    }
}
