-- The fingerprint of the config sections clustering and canonical synthesis read (cluster, canonical). A full
-- re-match whose previous run had the same one re-clusters only the components its changed decisions touch.
ALTER TABLE pipeline_runs ADD COLUMN clustering_fingerprint TEXT COLLATE "C" NULL;

-- Decisions are written only by the pipeline, for listings it stored in the same transaction, and listings are never
-- deleted; the two foreign keys' per-row checks tripled the cost of writing decisions (250,000 rows: 2.6 s with them,
-- 0.9 s without), the largest write of an ingestion or a full re-match. Stores that delete listings must delete
-- their decisions too.
ALTER TABLE match_decisions DROP CONSTRAINT match_decisions_a_fkey;
ALTER TABLE match_decisions DROP CONSTRAINT match_decisions_b_fkey;

-- A fingerprint of each decision's outcome (signals, score, decision, tier) as the pipeline computes it: a full
-- re-match reads it instead of seven columns to find the decisions that changed. NULL on rows written before: those
-- are compared by their columns.
ALTER TABLE match_decisions ADD COLUMN outcome BIGINT NULL;
