package org.modelops.governance.registry.model;

/** A dataset a version was trained or evaluated on, pinned by its digest. */
public record DataReference(String uri, Sha256 sha256) {
}
