-- The worker's tables (matching-spec B §10.1 with Part A 11-16; contract §5). Flyway merges this location with the
-- config module's (V1-V9 belong to config). Listing ids compare by code point everywhere (Part A 15), so every id
-- column uses COLLATE "C" and the CHECK a < b agrees with the engine's pair order.

-- One row per distinct file content. A file waits as 'pending' (content kept here, so any worker process can take
-- it and a crashed run finds it again), then becomes 'completed' or 'failed'. Only 'completed' hashes are skipped
-- when the same bytes arrive again; a 'failed' row is queued again (Part A 11). 'skipped' is what a repeated
-- delivery reports; it is never a row state of its own, because the hash is unique.
CREATE TABLE file_ingestions (
    id             BIGSERIAL PRIMARY KEY,
    filename       TEXT COLLATE "C" NOT NULL,
    file_hash      CHAR(64) COLLATE "C" NOT NULL UNIQUE,
    source_code    TEXT COLLATE "C" NOT NULL,
    -- where the file was found (watched folder) or 'api' for an upload
    origin         TEXT COLLATE "C" NOT NULL,
    source_path    TEXT NULL,
    status         TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'completed', 'failed', 'skipped')),
    content        BYTEA NULL,
    size_bytes     BIGINT NOT NULL,
    event_count    INT NOT NULL DEFAULT 0,
    -- {"file": ..., "problems": [{event_index, event_id, field, reason}]} for a failed file
    error          JSONB NULL,
    file_metadata  JSONB NULL,
    run_id         BIGINT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ingested_at    TIMESTAMPTZ NULL
);
CREATE INDEX file_ingestions_pending ON file_ingestions (id) WHERE status = 'pending';
CREATE INDEX file_ingestions_ingested_at ON file_ingestions (ingested_at);

-- One row per listing. The listing itself is JSONB; the columns beside it are the ones queries need.
-- blocking_keys and block_days depend on the config (grid sizes, bounding box, max_range_days): keys_config names the
-- config fingerprint that computed them, and a re-match recomputes them.
CREATE TABLE source_events (
    id                 TEXT COLLATE "C" PRIMARY KEY,
    file_ingestion_id  BIGINT NOT NULL REFERENCES file_ingestions (id),
    source_code        TEXT COLLATE "C" NOT NULL,
    source_type        TEXT COLLATE "C" NOT NULL,
    listing            JSONB NOT NULL CHECK (jsonb_typeof(listing) = 'object'),
    ingestion_order    BIGINT NOT NULL,
    first_date         DATE NULL,
    last_date          DATE NULL,
    city_normalized    TEXT COLLATE "C" NOT NULL DEFAULT '',
    blocking_keys      TEXT[] COLLATE "C" NOT NULL DEFAULT '{}',
    block_days         DATE[] NOT NULL DEFAULT '{}',
    keys_config        TEXT COLLATE "C" NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The indexed lookup of incremental matching: stored listings sharing a key with a new one (blocking_keys && ...).
CREATE INDEX source_events_blocking_keys ON source_events USING GIN (blocking_keys);
-- A full re-match streams over date blocks: listings blocked on one day (block_days @> ARRAY[day]).
CREATE INDEX source_events_block_days ON source_events USING GIN (block_days);
CREATE INDEX source_events_first_date ON source_events (first_date);
CREATE INDEX source_events_ingestion_order ON source_events (ingestion_order);

CREATE TABLE match_decisions (
    a                  TEXT COLLATE "C" NOT NULL REFERENCES source_events (id) ON DELETE CASCADE,
    b                  TEXT COLLATE "C" NOT NULL REFERENCES source_events (id) ON DELETE CASCADE,
    date_score         DOUBLE PRECISION NOT NULL,
    geo_score          DOUBLE PRECISION NOT NULL,
    title_score        DOUBLE PRECISION NOT NULL,
    description_score  DOUBLE PRECISION NOT NULL,
    combined_score     DOUBLE PRECISION NOT NULL,
    decision           TEXT COLLATE "C" NOT NULL CHECK (decision IN ('match', 'ambiguous', 'no_match')),
    tier               TEXT COLLATE "C" NOT NULL,
    config_version     BIGINT NOT NULL,
    decided_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX match_decisions_b ON match_decisions (b);
CREATE INDEX match_decisions_matches_a ON match_decisions (a) WHERE decision = 'match';
CREATE INDEX match_decisions_matches_b ON match_decisions (b) WHERE decision = 'match';

-- Canonical ids are stable across runs: a grown or changed cluster keeps its id, a split keeps it on the larger part,
-- a merge keeps the older id (Part A 16).
CREATE TABLE canonical_events (
    id                 BIGSERIAL PRIMARY KEY,
    title              TEXT NOT NULL,
    short_description  TEXT NULL,
    description        TEXT NULL,
    highlights         JSONB NOT NULL DEFAULT '[]',
    location_name      TEXT NULL,
    location_city      TEXT NULL,
    location_district  TEXT NULL,
    location_street    TEXT NULL,
    location_zipcode   TEXT NULL,
    geo_latitude       DOUBLE PRECISION NULL,
    geo_longitude      DOUBLE PRECISION NULL,
    geo_confidence     DOUBLE PRECISION NULL,
    dates              JSONB NOT NULL DEFAULT '[]',
    first_date         DATE NULL,
    last_date          DATE NULL,
    categories         JSONB NOT NULL DEFAULT '[]',
    is_family_event    BOOLEAN NOT NULL DEFAULT FALSE,
    is_child_focused   BOOLEAN NOT NULL DEFAULT FALSE,
    admission_free     BOOLEAN NOT NULL DEFAULT FALSE,
    field_provenance   JSONB NOT NULL DEFAULT '{}',
    source_count       INT NOT NULL,
    match_confidence   DOUBLE PRECISION NULL,
    needs_review       BOOLEAN NOT NULL DEFAULT FALSE,
    review_reason      TEXT NULL,
    ai_assisted        BOOLEAN NOT NULL DEFAULT FALSE,
    -- raised each time a run changes the event (content_hash: SHA-256 of the synthesised fields and members)
    version            INT NOT NULL DEFAULT 1,
    content_hash       CHAR(64) COLLATE "C" NOT NULL,
    config_version     BIGINT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX canonical_events_dates ON canonical_events (first_date, last_date);
CREATE INDEX canonical_events_city ON canonical_events (lower(location_city));

-- Each listing belongs to exactly one canonical event.
CREATE TABLE canonical_event_sources (
    canonical_event_id BIGINT NOT NULL REFERENCES canonical_events (id) ON DELETE CASCADE,
    source_event_id    TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES source_events (id) ON DELETE CASCADE,
    added_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (canonical_event_id, source_event_id)
);

CREATE TABLE pipeline_runs (
    id                 BIGSERIAL PRIMARY KEY,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ NULL,
    status             TEXT COLLATE "C" NOT NULL CHECK (status IN ('completed', 'failed')),
    -- 'incremental', 'full' (config changed: everything re-matched) or NULL when the run failed before matching
    mode               TEXT COLLATE "C" NULL CHECK (mode IN ('incremental', 'full')),
    config_version     BIGINT NULL,
    config_source      TEXT COLLATE "C" NULL,
    config_fingerprint TEXT COLLATE "C" NULL,
    counts             JSONB NOT NULL DEFAULT '{}',
    timings            JSONB NOT NULL DEFAULT '{}',
    warnings           JSONB NOT NULL DEFAULT '[]',
    error              TEXT NULL
);
CREATE INDEX pipeline_runs_completed ON pipeline_runs (id) WHERE status = 'completed';

-- Raw Gemini answers by pair content and model (B §7.5, Part A 10).
CREATE TABLE ai_match_cache (
    id          BIGSERIAL PRIMARY KEY,
    pair_hash   CHAR(64) COLLATE "C" NOT NULL,
    model       TEXT COLLATE "C" NOT NULL,
    event_id_a  TEXT COLLATE "C" NOT NULL,
    event_id_b  TEXT COLLATE "C" NOT NULL,
    decision    TEXT COLLATE "C" NOT NULL,
    confidence  DOUBLE PRECISION NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    reasoning   TEXT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (pair_hash, model)
);

-- One row per run that used the AI tier (cache hits are counted, not logged one by one; Part A 10).
CREATE TABLE ai_usage_log (
    id                 BIGSERIAL PRIMARY KEY,
    run_id             BIGINT NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
    model              TEXT COLLATE "C" NOT NULL,
    requests           INT NOT NULL,
    cached_requests    INT NOT NULL,
    api_calls          INT NOT NULL,
    failed_requests    INT NOT NULL,
    prompt_tokens      BIGINT NOT NULL,
    output_tokens      BIGINT NOT NULL,
    thought_tokens     BIGINT NOT NULL,
    total_tokens       BIGINT NOT NULL,
    estimated_cost_usd DOUBLE PRECISION NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ai_usage_log_run ON ai_usage_log (run_id);
CREATE INDEX ai_usage_log_created_at ON ai_usage_log (created_at);
