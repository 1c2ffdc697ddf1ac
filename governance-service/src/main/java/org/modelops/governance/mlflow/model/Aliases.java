package org.modelops.governance.mlflow.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MLflow's alias rules, and the aliases the governed lifecycle owns. {@code champion} names the version that serves
 * (state CHAMPION); {@code challenger} the newest version whose lifecycle has passed validation and is still open
 * (ROLLING_OUT first, then APPROVED, PENDING_APPROVAL or CHALLENGING). Neither is stored: both are read from the
 * versions' states, and a client that tries to set or delete them is refused.
 */
public final class Aliases {

    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";
    public static final Set<String> GOVERNED = Set.of(CHAMPION, CHALLENGER);
    public static final int MAX_LENGTH = 255;

    private static final Pattern RULE = Pattern.compile("[\\w\\-]*");
    private static final Pattern VERSION_ALIAS = Pattern.compile("(?i)v\\d+");

    private Aliases() {
    }

    public static boolean governed(String alias) {
        return GOVERNED.contains(alias.toLowerCase(Locale.ROOT));
    }

    /** Refuses a name MLflow refuses: not alphanumerics, underscores and dashes, too long, or reserved. */
    public static void check(String alias) {
        if (alias.length() > MAX_LENGTH) {
            throw MlflowError.invalid("Alias name exceeds the maximum length of " + MAX_LENGTH + " characters.");
        }
        if (!RULE.matcher(alias).matches()) {
            throw MlflowError.invalid("Invalid alias name: '" + alias + "'. Names may only contain alphanumerics,"
                    + " underscores (_), and dashes (-).");
        }
        if (alias.equalsIgnoreCase("latest")) {
            throw MlflowError.invalid("'latest' alias name (case insensitive) is reserved.");
        }
        if (VERSION_ALIAS.matcher(alias).matches()) {
            throw MlflowError.invalid("Version alias name '" + alias + "' is reserved.");
        }
    }

    /** Why a client cannot move a governed alias, and where the governed path is. */
    public static MlflowError refused(String model, String alias, String verb) {
        var path = CHAMPION.equalsIgnoreCase(alias)
                ? "A version becomes champion only through its governed lifecycle: it passes validation,"
                        + " champion-challenger and the approvals its policy requires, then is rolled out"
                        + " (POST /api/v1/models/" + model + "/versions, decisions in /api/v1/tasks); to bring the"
                        + " previous champion back, a domain expert rolls back with POST /api/v1/models/" + model
                        + "/rollback."
                : "It names the newest version whose governed lifecycle passed validation and is still open;"
                        + " create a version to challenge the champion.";
        return new MlflowError(MlflowError.Code.PERMISSION_DENIED, "The alias '" + alias + "' of model '" + model
                + "' is owned by the governed lifecycle and cannot be " + verb + " by a client. " + path);
    }
}
