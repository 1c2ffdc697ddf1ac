-- Production monitoring, the other signals (docs/monitoring.md): data quality, performance on outcomes, service.
-- Exact tallies per (version, signal, window, tally, bin): a count and a sum, additive like monitoring_window_counts.
-- Tallies are named by what they count: `records`, `missing:<column>`, `out-of-range:<column>`, `unseen:<column>`
-- (data-quality); `records`, `errors`, `latency` on log-scale bins (service); `predictions`, `outcomes`,
-- `score:<0|1>:<slice>` on 10 000 score bins, `confusion:<slice>` (TN, FP, FN, TP), `error:<slice>` with Σ|e|, Σe², Σe⁴
-- in bins 0, 2, 4 (performance). Each signal counts on its own policy window.
CREATE TABLE monitoring_window_tallies (
    version_id   BIGINT           NOT NULL REFERENCES model_versions (id),
    signal       VARCHAR(20)      NOT NULL,
    window_start TIMESTAMPTZ      NOT NULL,
    tally        VARCHAR(500)     NOT NULL,
    bin          INTEGER          NOT NULL CHECK (bin >= 0),
    count        BIGINT           NOT NULL CHECK (count >= 0),
    total        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (version_id, signal, window_start, tally, bin)
) PARTITION BY RANGE (window_start);
CREATE TABLE monitoring_window_tallies_default PARTITION OF monitoring_window_tallies DEFAULT;

-- What an outcome needs of its prediction, kept with the record id when the policy watches performance: when it was
-- made, its score (classification) or predicted value (regression), and the slices it belongs to (`gender=F`).
ALTER TABLE monitoring_records
    ADD COLUMN predicted_at TIMESTAMPTZ,
    ADD COLUMN score        DOUBLE PRECISION,
    ADD COLUMN predicted    DOUBLE PRECISION,
    ADD COLUMN slices       VARCHAR(400)[];
-- Outcomes find their prediction by id alone.
CREATE INDEX monitoring_records_by_id ON monitoring_records (version_id, record_id);

-- One outcome per prediction id and version: a retry adds nothing, a different outcome for the same id is refused.
-- window_start is the performance window of the prediction it joined.
CREATE TABLE monitoring_outcomes (
    version_id    BIGINT           NOT NULL REFERENCES model_versions (id),
    prediction_id VARCHAR(200)     NOT NULL,
    window_start  TIMESTAMPTZ      NOT NULL,
    outcome       DOUBLE PRECISION NOT NULL,
    observed_at   TIMESTAMPTZ      NOT NULL,
    received_at   TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (version_id, prediction_id)
);

-- The partition functions of V60, now for the tallies too.
CREATE OR REPLACE FUNCTION monitoring_prepare_partitions(months_ahead integer) RETURNS integer
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
        FOREACH parent IN ARRAY ARRAY['monitoring_records', 'monitoring_window_counts', 'monitoring_window_tallies'] LOOP
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
CREATE OR REPLACE FUNCTION monitoring_drop_partitions(before timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    dropped   integer := 0;
    partition record;
BEGIN
    FOR partition IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname IN ('monitoring_records', 'monitoring_window_counts', 'monitoring_window_tallies')
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
