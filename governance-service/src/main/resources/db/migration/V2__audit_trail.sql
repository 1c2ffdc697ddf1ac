-- The audit trail: append-only, hash-chained (docs/audit.md). The head row serialises appends in commit order.
CREATE TABLE audit_events (
    sequence       BIGINT       PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor_subject  VARCHAR(200) NOT NULL,
    actor_username VARCHAR(200) NOT NULL,
    actor_roles    TEXT[]       NOT NULL,
    action         VARCHAR(100) NOT NULL,
    subject_type   VARCHAR(50)  NOT NULL,
    subject_id     VARCHAR(300) NOT NULL,
    details        JSONB        NOT NULL,
    correlation    VARCHAR(200),
    previous_hash  CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL UNIQUE
);
CREATE INDEX audit_events_subject ON audit_events (subject_type, subject_id, sequence);
CREATE INDEX audit_events_actor ON audit_events (actor_username, sequence);
CREATE INDEX audit_events_action ON audit_events (action, sequence);
CREATE INDEX audit_events_time ON audit_events (occurred_at);

CREATE TABLE audit_chain_head (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    last_sequence BIGINT   NOT NULL,
    last_hash     CHAR(64) NOT NULL
);
INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));

-- Append-only, enforced by the database itself: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM CURRENT_USER;
