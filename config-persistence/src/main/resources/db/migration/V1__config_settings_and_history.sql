-- The one editable config row and one history row per saved version (contract.md §5).
-- Text columns use COLLATE "C": they are compared for equality only, and byte order keeps that
-- independent of the server's locale.

CREATE TABLE config_settings (
    -- A CHECK instead of a sequence: there is exactly one config, and a second row must be impossible.
    id                INT PRIMARY KEY CHECK (id = 1),
    -- The complete document (never the API key), so the first UI edit cannot lose YAML values.
    config_json       JSONB NOT NULL CHECK (jsonb_typeof(config_json) = 'object'),
    -- Fernet token (or the earlier service's legacy "plain:" value); NULL when no key is stored.
    encrypted_api_key TEXT COLLATE "C" NULL,
    -- Optimistic-locking counter: every save is UPDATE ... WHERE version = expected.
    version           BIGINT NOT NULL CHECK (version > 0),
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        TEXT COLLATE "C" NOT NULL
);

CREATE TABLE config_history (
    -- One row per version, written in the same transaction as config_settings, so versions are gapless.
    version     BIGINT PRIMARY KEY CHECK (version > 0),
    config_json JSONB NOT NULL CHECK (jsonb_typeof(config_json) = 'object'),
    -- List of {path, old, new}; the API key appears only as "set", "replaced" or "cleared".
    changes     JSONB NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT COLLATE "C" NOT NULL
);

COMMENT ON TABLE config_settings IS 'The single effective matching config row (id = 1); see contract.md section 5';
COMMENT ON TABLE config_history IS 'Every saved version of config_settings.config_json with its changes';
