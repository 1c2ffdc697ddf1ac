-- Decisions are bound to the evidence they were taken on (docs/lifecycle.md, "Evidence and stale approvals").
-- evidence_sha256: SHA-256 of the canonical evidence document the version's current verdicts were reached on.
-- comparison: the champion-challenger comparison's dataset and both sides' metrics, so every view shows one number.
ALTER TABLE model_versions
    ADD COLUMN evidence_sha256 CHAR(64),
    ADD COLUMN comparison      JSONB;

-- An approval counts only for the evidence it was given on; after new evidence the same person decides again.
ALTER TABLE approval_decisions ADD COLUMN evidence_sha256 CHAR(64);
ALTER TABLE approval_decisions DROP CONSTRAINT approval_decisions_version_id_decided_by_key;
CREATE UNIQUE INDEX approval_decisions_once_per_evidence
    ON approval_decisions (version_id, decided_by, (coalesce(evidence_sha256, '')));
