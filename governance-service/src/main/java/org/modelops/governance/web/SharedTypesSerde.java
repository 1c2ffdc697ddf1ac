package org.modelops.governance.web;

import io.micronaut.serde.annotation.SerdeImport;
import org.modelops.governance.shared.FieldViolation;

/** The shared kernel stays free of framework annotations; its types become serialisable here, at the edge. */
@SerdeImport(FieldViolation.class)
final class SharedTypesSerde {

    private SharedTypesSerde() {
    }
}
