package org.modelops.governance.policy.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modelops.governance.policy.PolicyCatalog;
import org.modelops.governance.policy.PolicyDocuments;
import org.modelops.governance.policy.model.PolicyVersion;

@Singleton
final class JdbcPolicyCatalog implements PolicyCatalog {

    private static final String COLUMNS = "name, version, sha256, content, published_at, published_by";

    private final JdbcOperations jdbc;
    private final PolicyDocuments documents;

    JdbcPolicyCatalog(JdbcOperations jdbc, PolicyDocuments documents) {
        this.jdbc = jdbc;
        this.documents = documents;
    }

    @Override
    public void lockPublications() {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('policy-publications'))", statement -> {
            statement.executeQuery().close();
            return null;
        });
    }

    @Override
    public PolicyVersion publish(String name, String sha256, String content, String publishedBy) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('policy:' || ?))", statement -> {
            statement.setString(1, name);
            statement.executeQuery().close();
            return null;
        });
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int version = jdbc.prepareStatement("INSERT INTO policy_versions (" + COLUMNS + ") SELECT ?,"
                + " coalesce(max(version), 0) + 1, ?, ?, ?, ? FROM policy_versions WHERE name = ? RETURNING version",
                statement -> {
                    statement.setString(1, name);
                    statement.setString(2, sha256);
                    statement.setString(3, content);
                    statement.setTimestamp(4, Timestamp.from(now));
                    statement.setString(5, publishedBy);
                    statement.setString(6, name);
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                });
        return new PolicyVersion(name, version, sha256, content, now, publishedBy, documents.read(content));
    }

    @Override
    public Optional<PolicyVersion> latest(String name) {
        return one("SELECT " + COLUMNS + " FROM policy_versions WHERE name = ? ORDER BY version DESC LIMIT 1", name,
                null);
    }

    @Override
    public Optional<PolicyVersion> version(String name, int version) {
        return one("SELECT " + COLUMNS + " FROM policy_versions WHERE name = ? AND version = ?", name, version);
    }

    @Override
    public List<PolicyVersion> versions(String name) {
        return list("SELECT " + COLUMNS + " FROM policy_versions WHERE name = ? ORDER BY version DESC", name);
    }

    @Override
    public List<PolicyVersion> latestOfEach() {
        return list("SELECT DISTINCT ON (name) " + COLUMNS + " FROM policy_versions ORDER BY name, version DESC",
                null);
    }

    private Optional<PolicyVersion> one(String sql, String name, Integer version) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, name);
            if (version != null) {
                statement.setInt(2, version);
            }
            try (var rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        });
    }

    private List<PolicyVersion> list(String sql, String name) {
        return jdbc.prepareStatement(sql, statement -> {
            if (name != null) {
                statement.setString(1, name);
            }
            var versions = new ArrayList<PolicyVersion>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    versions.add(read(rs));
                }
            }
            return versions;
        });
    }

    private PolicyVersion read(ResultSet rs) throws SQLException {
        var content = rs.getString("content");
        return new PolicyVersion(rs.getString("name"), rs.getInt("version"), rs.getString("sha256"), content,
                rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"), documents.read(content));
    }
}
