-- Operators' verdicts on pairs of listings. One current label per pair (a new verdict replaces the old one; the
-- audit log keeps the history). Labels bind every later pipeline run (must-link / cannot-link in clustering) and
-- are ground truth beside an imported truth.json. Deleting a listing removes its labels.
CREATE TABLE pair_labels (
    a            TEXT COLLATE "C" NOT NULL REFERENCES source_events (id) ON DELETE CASCADE,
    b            TEXT COLLATE "C" NOT NULL REFERENCES source_events (id) ON DELETE CASCADE,
    label        TEXT COLLATE "C" NOT NULL CHECK (label IN ('same', 'different')),
    note         TEXT NULL CHECK (char_length(note) <= 1000),
    labelled_by  TEXT COLLATE "C" NOT NULL,
    labelled_at  TIMESTAMPTZ NOT NULL,
    -- the label_changes revision that wrote this label
    revision     BIGINT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX pair_labels_b ON pair_labels (b);
CREATE INDEX pair_labels_newest ON pair_labels (labelled_at DESC, a, b);

-- Every put or removal of a label, in order: a pipeline run re-clusters the components of the pairs changed since
-- the revision it last applied (pipeline_runs.label_revision), so a verdict takes effect without a full re-match.
CREATE TABLE label_changes (
    revision  BIGSERIAL PRIMARY KEY,
    a         TEXT COLLATE "C" NOT NULL,
    b         TEXT COLLATE "C" NOT NULL,
    at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE pipeline_runs ADD COLUMN label_revision BIGINT NOT NULL DEFAULT 0;
