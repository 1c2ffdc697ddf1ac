-- Production monitoring: pre-aggregated window counts from collectors, and scheduled retention (docs/monitoring.md).

-- A batch of window counts, by the id its collector gave it: a retry finds its id here and adds nothing; the same id
-- with another body (its RFC 8785 canonical form's SHA-256 differs) is refused. One row per batch, not per record.
CREATE TABLE monitoring_count_batches (
    version_id  BIGINT       NOT NULL REFERENCES model_versions (id),
    batch_id    VARCHAR(200) NOT NULL,
    body_sha256 CHAR(64)     NOT NULL,
    windows     INTEGER      NOT NULL CHECK (windows > 0),
    records     BIGINT       NOT NULL CHECK (records >= 0),
    received_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version_id, batch_id)
);
CREATE INDEX monitoring_count_batches_received ON monitoring_count_batches (received_at);

-- Retention of what is kept for idempotency only: the monthly partitions of monitoring_records that end at or before
-- `before`, the rows of its default partition older than `before`, and the count batches received before it. The
-- aggregates (monitoring_window_counts, monitoring_window_tallies) are never touched: the audit trail's verdict
-- evidence is recomputed from them. SECURITY DEFINER, so the service's role (which may not drop tables) runs it on a
-- schedule; it never goes closer to now than 7 days whatever it is asked, so a mistaken setting cannot drop the ids
-- collectors are still retrying. Takes the partition functions' advisory lock: replicas take turns, and a second run
-- finds nothing left to drop. Returns the partitions dropped.
CREATE FUNCTION monitoring_drop_record_partitions(before timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    dropped   integer := 0;
    cutoff    timestamptz := least(before, now() - interval '7 days');
    partition record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('monitoring_prepare_partitions'));
    FOR partition IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'monitoring_records'
          AND c.relname ~ '^monitoring_records_[0-9]{4}_[0-9]{2}$'
          AND to_date(right(c.relname, 7), 'YYYY_MM')::timestamp + interval '1 month' <= cutoff AT TIME ZONE 'UTC'
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE %I', partition.relname);
        dropped := dropped + 1;
    END LOOP;
    DELETE FROM monitoring_records_default WHERE window_start < cutoff;
    DELETE FROM monitoring_count_batches WHERE received_at < cutoff;
    RETURN dropped;
END
$$;
