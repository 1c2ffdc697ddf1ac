package org.modelops.governance.events.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.modelops.governance.events.EventStore;
import org.modelops.governance.events.model.Delivery;
import org.modelops.governance.events.model.DeliveryStatus;
import org.modelops.governance.events.model.EventFilter;
import org.modelops.governance.events.model.OutboxEntry;
import org.modelops.governance.events.model.Subscription;
import org.modelops.governance.shared.Page;
import org.modelops.governance.shared.PageRequest;

@Singleton
final class JdbcEventStore implements EventStore {

    private static final String SUBSCRIPTION = "id, url, description, types, models, active, created_at";
    private static final String DELIVERY = "id, subscription_id, sequence, type, model, version, status, attempts,"
            + " last_attempt_at, next_attempt_at, last_status_code, last_error, delivered_at";
    private static final String HOLDING = String.join(", ",
            DeliveryStatus.holding().stream().map(status -> "'" + status.name() + "'").toList());

    private final JdbcOperations jdbc;

    JdbcEventStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void addToOutbox(Connection connection, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (var insert = connection.prepareStatement("INSERT INTO event_outbox (sequence, type, model, version,"
                + " ordering_key, occurred_at) SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[],"
                + " ?::integer[], ?::varchar[], ?::timestamptz[])")) {
            insert.setArray(1, connection.createArrayOf("bigint",
                    entries.stream().map(OutboxEntry::sequence).toArray()));
            insert.setArray(2, connection.createArrayOf("varchar", entries.stream().map(OutboxEntry::type).toArray()));
            insert.setArray(3, connection.createArrayOf("varchar", entries.stream().map(OutboxEntry::model).toArray()));
            insert.setArray(4, connection.createArrayOf("integer",
                    entries.stream().map(OutboxEntry::version).toArray()));
            insert.setArray(5, connection.createArrayOf("varchar",
                    entries.stream().map(OutboxEntry::orderingKey).toArray()));
            insert.setArray(6, connection.createArrayOf("timestamptz",
                    entries.stream().map(entry -> Timestamp.from(entry.occurredAt())).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + entries.size() + " events to the outbox", e);
        }
    }

    @Override
    public long outboxHead() {
        // Read without a lock: a sequence not committed yet is above it, so fan-out will still see that event.
        return jdbc.prepareStatement("SELECT last_sequence FROM audit_chain_head WHERE id = 1", statement -> {
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Subscription create(String url, String description, EventFilter filter, String secret, long startAfter,
            String createdBy, Instant at) {
        return jdbc.prepareStatement("INSERT INTO event_subscriptions (url, description, types, models, active,"
                + " secret, fanned_out_to, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, true, ?, ?, ?, ?, ?)"
                + " RETURNING " + SUBSCRIPTION, statement -> {
                    var connection = statement.getConnection();
                    int i = 0;
                    statement.setString(++i, url);
                    statement.setString(++i, description);
                    statement.setArray(++i, connection.createArrayOf("text", filter.types().toArray()));
                    statement.setArray(++i, connection.createArrayOf("text", filter.models().toArray()));
                    statement.setString(++i, secret);
                    statement.setLong(++i, startAfter);
                    statement.setTimestamp(++i, Timestamp.from(at));
                    statement.setString(++i, createdBy);
                    statement.setTimestamp(++i, Timestamp.from(at));
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        return subscription(rs);
                    }
                });
    }

    @Override
    public Optional<Subscription> subscription(long id) {
        return oneSubscription("SELECT " + SUBSCRIPTION + " FROM event_subscriptions WHERE id = ?", id);
    }

    @Override
    public Optional<Subscription> lock(long id) {
        return oneSubscription("SELECT " + SUBSCRIPTION + " FROM event_subscriptions WHERE id = ? FOR UPDATE", id);
    }

    private Optional<Subscription> oneSubscription(String sql, long id) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setLong(1, id);
            try (var rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public Page<Subscription> subscriptions(PageRequest page) {
        return jdbc.prepareStatement("SELECT " + SUBSCRIPTION + ", count(*) OVER () FROM event_subscriptions"
                + " ORDER BY id LIMIT ? OFFSET ?", statement -> {
                    statement.setInt(1, page.size());
                    statement.setLong(2, page.offset());
                    var items = new ArrayList<Subscription>();
                    long total = 0;
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            items.add(subscription(rs));
                            total = rs.getLong(8);
                        }
                    }
                    if (items.isEmpty() && page.offset() > 0) {
                        total = count("SELECT count(*) FROM event_subscriptions");
                    }
                    return new Page<>(items, total, page.page(), page.size());
                });
    }

    @Override
    public void update(long id, String url, String description, EventFilter filter, boolean active,
            Long restartAfter, Instant at) {
        jdbc.prepareStatement("UPDATE event_subscriptions SET url = ?, description = ?, types = ?, models = ?,"
                + " active = ?, fanned_out_to = coalesce(?, fanned_out_to), updated_at = ? WHERE id = ?", statement -> {
                    var connection = statement.getConnection();
                    int i = 0;
                    statement.setString(++i, url);
                    statement.setString(++i, description);
                    statement.setArray(++i, connection.createArrayOf("text", filter.types().toArray()));
                    statement.setArray(++i, connection.createArrayOf("text", filter.models().toArray()));
                    statement.setBoolean(++i, active);
                    if (restartAfter == null) {
                        statement.setNull(++i, Types.BIGINT);
                    } else {
                        statement.setLong(++i, restartAfter);
                    }
                    statement.setTimestamp(++i, Timestamp.from(at));
                    statement.setLong(++i, id);
                    return statement.executeUpdate();
                });
    }

    @Override
    public void rotateSecret(long id, String secret, Instant previousValidUntil, Instant at) {
        jdbc.prepareStatement("UPDATE event_subscriptions SET previous_secret = secret, previous_secret_until = ?,"
                + " secret = ?, updated_at = ? WHERE id = ?", statement -> {
                    statement.setTimestamp(1, Timestamp.from(previousValidUntil));
                    statement.setString(2, secret);
                    statement.setTimestamp(3, Timestamp.from(at));
                    statement.setLong(4, id);
                    return statement.executeUpdate();
                });
    }

    @Override
    public boolean delete(long id) {
        return jdbc.prepareStatement("DELETE FROM event_subscriptions WHERE id = ?", statement -> {
            statement.setLong(1, id);
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public Page<Delivery> deliveries(long subscriptionId, DeliveryStatus status, PageRequest page) {
        var where = " WHERE subscription_id = ?" + (status == null ? "" : " AND status = ?");
        return jdbc.prepareStatement("SELECT " + DELIVERY + ", count(*) OVER () FROM event_deliveries" + where
                + " ORDER BY sequence DESC, id DESC LIMIT ? OFFSET ?", statement -> {
                    int i = 0;
                    statement.setLong(++i, subscriptionId);
                    if (status != null) {
                        statement.setString(++i, status.name());
                    }
                    statement.setInt(++i, page.size());
                    statement.setLong(++i, page.offset());
                    var items = new ArrayList<Delivery>();
                    long total = 0;
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            items.add(delivery(rs));
                            total = rs.getLong(14);
                        }
                    }
                    if (items.isEmpty() && page.offset() > 0) {
                        total = status == null
                                ? count("SELECT count(*) FROM event_deliveries WHERE subscription_id = ?",
                                        subscriptionId)
                                : count("SELECT count(*) FROM event_deliveries WHERE subscription_id = ?"
                                        + " AND status = ?", subscriptionId, status.name());
                    }
                    return new Page<>(items, total, page.page(), page.size());
                });
    }

    @Override
    public Optional<Delivery> delivery(long subscriptionId, long deliveryId) {
        return jdbc.prepareStatement("SELECT " + DELIVERY + " FROM event_deliveries WHERE subscription_id = ?"
                + " AND id = ?", statement -> {
                    statement.setLong(1, subscriptionId);
                    statement.setLong(2, deliveryId);
                    try (var rs = statement.executeQuery()) {
                        return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
                    }
                });
    }

    @Override
    public int replayDead(long subscriptionId, Long deliveryId, Instant at) {
        return jdbc.prepareStatement("UPDATE event_deliveries SET status = 'PENDING', attempts = 0, queued_at = ?,"
                + " next_attempt_at = ?, leased_until = NULL, claim = NULL WHERE subscription_id = ?"
                + " AND status = 'DEAD'" + (deliveryId == null ? "" : " AND id = ?"), statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setTimestamp(2, Timestamp.from(at));
                    statement.setLong(3, subscriptionId);
                    if (deliveryId != null) {
                        statement.setLong(4, deliveryId);
                    }
                    return statement.executeUpdate();
                });
    }

    @Override
    public List<FanOut> lockActiveForFanOut() {
        return jdbc.prepareStatement("SELECT id, types, models, fanned_out_to FROM event_subscriptions WHERE active"
                + " ORDER BY id FOR UPDATE SKIP LOCKED", statement -> {
                    var out = new ArrayList<FanOut>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(new FanOut(rs.getLong(1), new EventFilter(texts(rs, 2), texts(rs, 3)),
                                    rs.getLong(4)));
                        }
                    }
                    return out;
                });
    }

    @Override
    public List<OutboxEntry> outboxAfter(long sequence, int limit) {
        return jdbc.prepareStatement("SELECT sequence, type, model, version, ordering_key, occurred_at"
                + " FROM event_outbox WHERE sequence > ? ORDER BY sequence LIMIT ?", statement -> {
                    statement.setLong(1, sequence);
                    statement.setInt(2, limit);
                    var out = new ArrayList<OutboxEntry>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                                    (Integer) rs.getObject(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                        }
                    }
                    return out;
                });
    }

    @Override
    public void queue(long subscriptionId, List<OutboxEntry> entries, long fannedOutTo, Instant at) {
        if (!entries.isEmpty()) {
            jdbc.prepareStatement("INSERT INTO event_deliveries (subscription_id, sequence, type, model, version,"
                    + " ordering_key, status, queued_at, next_attempt_at) SELECT ?, e.sequence, e.type, e.model,"
                    + " e.version, e.ordering_key, 'PENDING', ?, ? FROM event_outbox e WHERE e.sequence = ANY (?)"
                    + " ON CONFLICT (subscription_id, sequence) DO NOTHING", statement -> {
                        statement.setLong(1, subscriptionId);
                        statement.setTimestamp(2, Timestamp.from(at));
                        statement.setTimestamp(3, Timestamp.from(at));
                        statement.setArray(4, statement.getConnection().createArrayOf("bigint",
                                entries.stream().map(OutboxEntry::sequence).toArray()));
                        return statement.executeUpdate();
                    });
        }
        jdbc.prepareStatement("UPDATE event_subscriptions SET fanned_out_to = ? WHERE id = ?", statement -> {
            statement.setLong(1, fannedOutTo);
            statement.setLong(2, subscriptionId);
            return statement.executeUpdate();
        });
    }

    @Override
    public List<Claimed> claimDue(Instant now, Instant leasedUntil, int limit) {
        // The head of each (subscription, model) queue is its oldest delivery that still holds the others back; only
        // heads are sent, so one model's events go out one at a time and in order. Conditions on d itself are
        // re-checked on the locked row, so a delivery another replica just leased or finished is not taken.
        return jdbc.prepareStatement("""
                WITH heads AS (
                    SELECT DISTINCT ON (q.subscription_id, q.ordering_key) q.id
                    FROM event_deliveries q JOIN event_subscriptions s ON s.id = q.subscription_id AND s.active
                    WHERE q.status IN (%1$s)
                    ORDER BY q.subscription_id, q.ordering_key, q.sequence)
                SELECT d.id FROM event_deliveries d JOIN heads h ON h.id = d.id
                WHERE d.status IN (%1$s) AND d.next_attempt_at <= ?
                  AND (d.leased_until IS NULL OR d.leased_until <= ?)
                ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED""".formatted(HOLDING),
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(now));
                    statement.setTimestamp(2, Timestamp.from(now));
                    statement.setInt(3, limit);
                    var ids = new ArrayList<Long>();
                    try (var rs = statement.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                    return ids.isEmpty() ? List.<Claimed>of() : lease(statement.getConnection(), ids, leasedUntil);
                });
    }

    private static List<Claimed> lease(Connection connection, List<Long> ids, Instant leasedUntil)
            throws SQLException {
        var claim = UUID.randomUUID();
        try (var update = connection.prepareStatement("""
                UPDATE event_deliveries d SET leased_until = ?, claim = ? FROM event_subscriptions s
                WHERE s.id = d.subscription_id AND d.id = ANY (?)
                RETURNING d.id, d.subscription_id, s.url, s.secret, s.previous_secret, s.previous_secret_until,
                          d.sequence, d.attempts, d.queued_at""")) {
            update.setTimestamp(1, Timestamp.from(leasedUntil));
            update.setObject(2, claim);
            update.setArray(3, connection.createArrayOf("bigint", ids.toArray()));
            var out = new ArrayList<Claimed>();
            try (var rs = update.executeQuery()) {
                while (rs.next()) {
                    var until = rs.getTimestamp(6);
                    out.add(new Claimed(rs.getLong(1), claim, rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), until == null ? null : until.toInstant(), rs.getLong(7), rs.getInt(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return out;
        }
    }

    @Override
    public boolean recordAttempt(Claimed claimed, DeliveryStatus status, Instant at, Integer statusCode, String error,
            Instant nextAttemptAt) {
        return jdbc.prepareStatement("UPDATE event_deliveries SET status = ?, attempts = attempts + 1,"
                + " last_attempt_at = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?, delivered_at = ?,"
                + " leased_until = NULL, claim = NULL WHERE id = ? AND claim = ?", statement -> {
                    int i = 0;
                    statement.setString(++i, status.name());
                    statement.setTimestamp(++i, Timestamp.from(at));
                    if (statusCode == null) {
                        statement.setNull(++i, Types.INTEGER);
                    } else {
                        statement.setInt(++i, statusCode);
                    }
                    statement.setString(++i, error == null ? null : error.substring(0, Math.min(error.length(), 1000)));
                    statement.setTimestamp(++i, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
                    statement.setTimestamp(++i, status == DeliveryStatus.DELIVERED ? Timestamp.from(at) : null);
                    statement.setLong(++i, claimed.deliveryId());
                    statement.setObject(++i, claimed.claim());
                    return statement.executeUpdate() == 1;
                });
    }

    @Override
    public void deactivate(long subscriptionId, Instant at) {
        jdbc.prepareStatement("UPDATE event_subscriptions SET active = false, updated_at = ? WHERE id = ?",
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(at));
                    statement.setLong(2, subscriptionId);
                    return statement.executeUpdate();
                });
    }

    @Override
    public long prune(Instant deliveredBefore) {
        long outbox = jdbc.prepareStatement("DELETE FROM event_outbox WHERE sequence <= (SELECT coalesce(min("
                + "fanned_out_to), (SELECT last_sequence FROM audit_chain_head WHERE id = 1)) FROM event_subscriptions"
                + " WHERE active)", statement -> (long) statement.executeUpdate());
        long delivered = jdbc.prepareStatement("DELETE FROM event_deliveries WHERE status = 'DELIVERED'"
                + " AND delivered_at < ?", statement -> {
                    statement.setTimestamp(1, Timestamp.from(deliveredBefore));
                    return (long) statement.executeUpdate();
                });
        return outbox + delivered;
    }

    @Override
    public long undelivered() {
        return count("SELECT count(*) FROM event_deliveries WHERE status IN (" + HOLDING + ")");
    }

    private long count(String sql, Object... args) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3),
                new EventFilter(texts(rs, 4), texts(rs, 5)), rs.getBoolean(6), rs.getTimestamp(7).toInstant());
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                (Integer) rs.getObject(6), DeliveryStatus.valueOf(rs.getString(7)), rs.getInt(8), instant(rs, 9),
                instant(rs, 10), (Integer) rs.getObject(11), rs.getString(12), instant(rs, 13));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<String> texts(ResultSet rs, int column) throws SQLException {
        var array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
