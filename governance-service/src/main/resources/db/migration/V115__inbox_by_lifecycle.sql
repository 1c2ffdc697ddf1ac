-- The inbox (GET /api/v1/tasks) finds each open task's version by the task's process: model_versions.lifecycle_id is
-- the id of the version's lifecycle process (set at submission). Without this index every open task costs a scan;
-- with it, one lookup (docs/benchmarks.md, "Inbox and lists at scale": the statement before and after).
CREATE INDEX model_versions_lifecycle ON model_versions (lifecycle_id);
