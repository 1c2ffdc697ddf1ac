-- Appending to the audit trail: queue, then seal (docs/audit.md, "Appending: queue, then seal").
-- A change writes its events into audit_pending in its own transaction, without any lock every writer shares; a
-- sealer chains the committed ones into audit_events afterwards, many per head lock and WAL flush.
-- Existing events keep their sequence numbers and hashes: the canonical form does not change, and event_id, new
-- here, is not part of it (events sealed before this migration have none).

ALTER TABLE audit_events ADD COLUMN event_id UUID;
CREATE UNIQUE INDEX audit_events_event_id ON audit_events (event_id);

CREATE TABLE audit_pending (
    id             BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the recording transaction: its events are sealed together, contiguous, in the order of id
    transaction_id XID8         NOT NULL DEFAULT pg_current_xact_id(),
    event_id       UUID         NOT NULL UNIQUE,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor_subject  VARCHAR(200) NOT NULL,
    actor_username VARCHAR(200) NOT NULL,
    actor_roles    TEXT[]       NOT NULL,
    action         VARCHAR(100) NOT NULL,
    subject_type   VARCHAR(50)  NOT NULL,
    subject_id     VARCHAR(300) NOT NULL,
    details        JSONB        NOT NULL,
    correlation    VARCHAR(200)
);
CREATE INDEX audit_pending_transaction ON audit_pending (transaction_id, id);

-- A pending event can be neither changed nor removed; it leaves the queue only once the chain holds it unchanged.
CREATE FUNCTION audit_pending_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM audit_events e
        WHERE e.event_id = OLD.event_id AND e.occurred_at = OLD.occurred_at
          AND e.actor_subject = OLD.actor_subject AND e.actor_username = OLD.actor_username
          AND e.actor_roles = OLD.actor_roles AND e.action = OLD.action AND e.subject_type = OLD.subject_type
          AND e.subject_id = OLD.subject_id AND e.details = OLD.details
          AND e.correlation IS NOT DISTINCT FROM OLD.correlation) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_pending is append-only until sealed: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_pending_until_sealed
    BEFORE UPDATE OR DELETE ON audit_pending FOR EACH ROW EXECUTE FUNCTION audit_pending_refuse_change();
CREATE TRIGGER audit_pending_no_truncate
    BEFORE TRUNCATE ON audit_pending FOR EACH STATEMENT EXECUTE FUNCTION audit_pending_refuse_change();

-- The service's role inserts, reads and (through the trigger, once sealed) deletes; nobody updates or truncates.
REVOKE UPDATE, TRUNCATE ON audit_pending FROM PUBLIC;
REVOKE UPDATE, TRUNCATE ON audit_pending FROM CURRENT_USER;
DO $$
DECLARE
    grant_row record;
BEGIN
    FOR grant_row IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND table_name = 'audit_pending'
          AND privilege_type IN ('UPDATE', 'TRUNCATE')
    LOOP
        EXECUTE format('REVOKE UPDATE, TRUNCATE ON audit_pending FROM %I', grant_row.grantee);
    END LOOP;
END
$$;
