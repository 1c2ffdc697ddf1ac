package org.modelops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * The service's own Flyway migrations ({@code governance-service/src/main/resources/db/migration}), applied to a
 * database by its owner role, as the service applies them at start-up: a database migrated here is one the service
 * accepts as it is, and one the service migrated is left alone here.
 */
final class Migrations {

    /** Where the migrations are, relative to the repository root (the scripts run from there). */
    static final Path DEFAULT_LOCATION = Path.of("governance-service", "src", "main", "resources", "db", "migration");

    private Migrations() {
    }

    /** Applies the pending migrations; returns how many were applied. */
    static int apply(String jdbcUrl, String owner, String ownerPassword, Path location) {
        if (!Files.isDirectory(location)) {
            throw new IllegalStateException("no migrations at " + location.toAbsolutePath()
                    + ": run from the repository root or pass --migrations DIR");
        }
        var flyway = Flyway.configure()
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations("filesystem:" + location.toAbsolutePath())
                .baselineOnMigrate(false)
                // a PostgreSQL shared with other work may have no connection slot free for a while
                .connectRetries(12)
                .load();
        return flyway.migrate().migrationsExecuted;
    }
}
