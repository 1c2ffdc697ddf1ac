-- Whoever was granted privileges on the audit tables (e.g. the service's role through default privileges), no role
-- but their owner keeps UPDATE, DELETE or TRUNCATE; the owner gave them up in V2/V3, and the triggers stand behind.
DO $$
DECLARE
    grant_row record;
BEGIN
    FOR grant_row IN
        SELECT DISTINCT grantee, table_name FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND table_name IN ('audit_events', 'audit_checkpoints')
          AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', grant_row.table_name, grant_row.grantee);
    END LOOP;
END
$$;
