-- One log of every operator action: config saves and rollbacks, API key set/removed (never the key), labels,
-- merges and splits, operator changes, ground-truth imports. Each row is written in the transaction of the action
-- it records, so the log never claims an action that did not commit, and never misses one that did.
CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor    TEXT COLLATE "C" NOT NULL,
    -- dotted verb such as config.save, label.set, event.merge (the HTTP API documents the list)
    action   TEXT COLLATE "C" NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
    target   TEXT NULL,
    details  JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
);

COMMENT ON TABLE audit_log IS 'Every operator action, newest = highest id; never holds the API key';
