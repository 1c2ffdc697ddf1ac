package org.modelops.governance.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The secrets this repository publishes for development — the audit signing key pair in application-dev.yml and the
 * local stack's former database passwords — and which of the configured settings are missing or one of them. Outside
 * development the service refuses to start with any of them: with the public key pair and the owner's documented
 * password an insider can rewrite the trail, re-hash it and re-sign its checkpoints.
 */
public final class DevelopmentSecrets {

    /** The public half of the development key pair in application-dev.yml and application-test.yml. */
    public static final String DEVELOPMENT_PUBLIC_KEY = "MCowBQYDK2VwAyEAamhMO+QNp/MRoghKY+GGlqkZ4UlxPFAObBjadJP5h+Y=";

    private static final Set<String> DOCUMENTED_PASSWORDS = Set.of("modelops", "modelops_owner", "postgres",
            "password", "secret");

    /** One configured value: its property, the environment variable that sets it, its value (null when unset). */
    public record Setting(String property, String variable, String value) {

        String name() {
            return property + " (" + variable + ")";
        }

        boolean blank() {
            return value == null || value.isBlank();
        }
    }

    private DevelopmentSecrets() {
    }

    /**
     * What is wrong with the signing key pair and the database passwords; empty when nothing is. The owner's settings
     * are null when this service does not run the migrations.
     */
    public static List<String> refusals(Setting signingKey, Setting publicKey, Setting databaseUser,
            Setting databasePassword, Setting ownerUser, Setting ownerPassword) {
        var refusals = new ArrayList<String>();
        if (signingKey.blank()) {
            refusals.add(signingKey.name() + " is not set: the audit checkpoints need your own Ed25519 signing key");
        }
        if (publicKey.blank()) {
            refusals.add(publicKey.name() + " is not set: the public half of the audit signing key pair");
        } else if (DEVELOPMENT_PUBLIC_KEY.equals(publicKey.value().strip())) {
            refusals.add(signingKey.name() + " is the development key pair published in this repository (its"
                    + " public key is " + publicKey.name() + "): anyone can sign checkpoints with it");
        }
        password(databasePassword, databaseUser, refusals);
        if (ownerPassword != null) {
            password(ownerPassword, ownerUser, refusals);
        }
        return refusals;
    }

    private static void password(Setting password, Setting user, List<String> refusals) {
        if (password.blank()) {
            refusals.add(password.name() + " is not set");
        } else if (DOCUMENTED_PASSWORDS.contains(password.value()) || password.value().equals(user.value())) {
            refusals.add(password.name() + " is a documented default password (of role " + user.value() + ")");
        }
    }
}
