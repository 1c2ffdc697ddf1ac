CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Signed checkpoints of the chain's head (docs/audit.md): removing the newest events contradicts the latest one.
CREATE TABLE audit_checkpoints (
    sequence  BIGINT      PRIMARY KEY,
    hash      CHAR(64)    NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    key_id    VARCHAR(100) NOT NULL,
    signature TEXT        NOT NULL
);
CREATE TRIGGER audit_checkpoints_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_checkpoints_no_truncate
    BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints FROM CURRENT_USER;
