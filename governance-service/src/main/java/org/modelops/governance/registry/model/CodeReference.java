package org.modelops.governance.registry.model;

/** The source a version was built from. */
public record CodeReference(String repository, String commit) {
}
