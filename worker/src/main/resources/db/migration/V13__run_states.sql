-- A run is visible from its start: 'running' until it commits ('completed') or rolls back ('failed'); a run whose
-- process died or lost the database is found 'running' by the next run and marked 'interrupted'.
ALTER TABLE pipeline_runs DROP CONSTRAINT pipeline_runs_status_check;
ALTER TABLE pipeline_runs ADD CONSTRAINT pipeline_runs_status_check
    CHECK (status IN ('running', 'completed', 'failed', 'interrupted'));
