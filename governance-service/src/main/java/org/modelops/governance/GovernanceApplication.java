package org.modelops.governance;

import io.micronaut.runtime.Micronaut;

public final class GovernanceApplication {

    private GovernanceApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(GovernanceApplication.class, args);
    }
}
