-- Production monitoring, first slice: drift (docs/monitoring.md).
-- A version's baseline: the profile (bins frozen from a reference sample, and the sample's counts in them) that every
-- window is compared with. One per version; it never changes, so counts stay comparable.
CREATE TABLE monitoring_baselines (
    version_id     BIGINT       PRIMARY KEY REFERENCES model_versions (id),
    sample_rows    BIGINT       NOT NULL CHECK (sample_rows > 0),
    sample_format  VARCHAR(10)  NOT NULL CHECK (sample_format IN ('csv', 'jsonl')),
    sample_sha256  CHAR(64)     NOT NULL,
    profile        JSONB        NOT NULL,
    profile_sha256 CHAR(64)     NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    created_by     VARCHAR(200) NOT NULL
);

-- The prediction records counted, by the id the collector gave them: a retried batch finds its ids here and adds
-- nothing (a retry carries the same time, so the same window). Both tables below are partitioned by month of
-- window_start, so old windows are dropped whole (monitoring_drop_partitions) instead of deleted row by row.
CREATE TABLE monitoring_records (
    version_id   BIGINT       NOT NULL REFERENCES model_versions (id),
    window_start TIMESTAMPTZ  NOT NULL,
    record_id    VARCHAR(200) NOT NULL,
    arm          VARCHAR(10)  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version_id, window_start, record_id)
) PARTITION BY RANGE (window_start);

-- Exact counts per window (aligned to the epoch, the policy's length), column (a feature, or `prediction`) and frozen
-- bin (its index in the monitoring spec). Additive: a batch adds its counts in one upsert.
CREATE TABLE monitoring_window_counts (
    version_id   BIGINT       NOT NULL REFERENCES model_versions (id),
    window_start TIMESTAMPTZ  NOT NULL,
    column_name  VARCHAR(200) NOT NULL,
    bin          SMALLINT     NOT NULL CHECK (bin >= 0),
    count        BIGINT       NOT NULL CHECK (count >= 0),
    PRIMARY KEY (version_id, window_start, column_name, bin)
) PARTITION BY RANGE (window_start);

-- Windows outside every monthly partition (older than the first, or a month nobody prepared) land here: nothing is lost.
CREATE TABLE monitoring_records_default PARTITION OF monitoring_records DEFAULT;
CREATE TABLE monitoring_window_counts_default PARTITION OF monitoring_window_counts DEFAULT;

-- Creates the monthly partitions from last month to `months_ahead` months from now that do not exist yet; returns how
-- many it created. SECURITY DEFINER: it runs as the schema's owner, so the service's role, which may not create
-- tables, can keep partitions ahead of time (the service calls it at start-up and every few hours). A month whose rows
-- already sit in the default partition cannot get its own partition (PostgreSQL refuses); its rows stay there.
CREATE FUNCTION monitoring_prepare_partitions(months_ahead integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    created integer := 0;
    month   timestamp;
    parent  text;
    name    text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('monitoring_prepare_partitions'));
    FOR i IN -1..months_ahead LOOP
        month := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i);
        FOREACH parent IN ARRAY ARRAY['monitoring_records', 'monitoring_window_counts'] LOOP
            name := parent || '_' || to_char(month, 'YYYY_MM');
            IF to_regclass(name) IS NULL THEN
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', name, parent,
                    month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
                created := created + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END
$$;

-- Retention: drops the monthly partitions that end at or before `before`, with their counts and record ids; returns
-- how many it dropped. Not scheduled: how long counts are kept is the operator's decision (docs/monitoring.md).
CREATE FUNCTION monitoring_drop_partitions(before timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    dropped   integer := 0;
    partition record;
BEGIN
    FOR partition IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname IN ('monitoring_records', 'monitoring_window_counts')
          AND c.relname ~ '_[0-9]{4}_[0-9]{2}$'
          AND to_date(right(c.relname, 7), 'YYYY_MM')::timestamp + interval '1 month' <= before AT TIME ZONE 'UTC'
    LOOP
        EXECUTE format('DROP TABLE %I', partition.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;
REVOKE EXECUTE ON FUNCTION monitoring_drop_partitions(timestamptz) FROM PUBLIC;

SELECT monitoring_prepare_partitions(2);

-- The drift verdict last recorded for a version, so that only a change becomes an audit event.
CREATE TABLE monitoring_verdicts (
    version_id   BIGINT       NOT NULL REFERENCES model_versions (id),
    signal       VARCHAR(20)  NOT NULL,
    verdict      VARCHAR(20)  NOT NULL,
    window_start TIMESTAMPTZ,
    changed_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version_id, signal)
);
