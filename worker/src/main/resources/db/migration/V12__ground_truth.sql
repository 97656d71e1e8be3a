-- Ground truth for the config preview (issue 7): the labelled listings and their same-event pairs of the last
-- import. An import replaces both tables as a whole; a pair of two labelled listings that is not stored counts as
-- "different" (the evaluate command's closed world). Only stored listings can be labelled: an import reports the
-- unknown ids instead of keeping them, and deleting a listing takes its labels with it.
CREATE TABLE ground_truth_listings (
    listing_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES source_events (id) ON DELETE CASCADE
);

CREATE TABLE ground_truth_pairs (
    a  TEXT COLLATE "C" NOT NULL REFERENCES ground_truth_listings (listing_id) ON DELETE CASCADE,
    b  TEXT COLLATE "C" NOT NULL REFERENCES ground_truth_listings (listing_id) ON DELETE CASCADE,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX ground_truth_pairs_b ON ground_truth_pairs (b);

-- One row per import (the newest is the one in force); imports take this table's lock, so they run one at a time.
CREATE TABLE ground_truth_imports (
    id                   BIGSERIAL PRIMARY KEY,
    imported_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    imported_by          TEXT NOT NULL,
    pairs                INT NOT NULL,
    listings             INT NOT NULL,
    unknown_listing_ids  INT NOT NULL
);
