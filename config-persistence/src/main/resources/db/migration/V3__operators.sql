-- Operator accounts and their sign-in sessions (issue 6, CONTRACTS section 1).

CREATE TABLE operators (
    name          TEXT COLLATE "C" PRIMARY KEY
                  CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    role          TEXT COLLATE "C" NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    -- PHC string, e.g. $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>; never the password
    password_hash TEXT COLLATE "C" NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_login_at TIMESTAMPTZ NULL
);

-- "Alice" and "alice" would be two accounts that look alike in history and logs: one name per spelling.
CREATE UNIQUE INDEX operators_name_lower ON operators (lower(name));

CREATE TABLE operator_sessions (
    -- SHA-256 (hex) of the token the client holds; the token itself is never stored
    id_hash       TEXT COLLATE "C" PRIMARY KEY CHECK (id_hash ~ '^[0-9a-f]{64}$'),
    operator_name TEXT COLLATE "C" NOT NULL REFERENCES operators (name) ON DELETE CASCADE ON UPDATE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX operator_sessions_operator ON operator_sessions (operator_name);
CREATE INDEX operator_sessions_last_seen ON operator_sessions (last_seen_at);
CREATE INDEX operator_sessions_created ON operator_sessions (created_at);

COMMENT ON TABLE operators IS 'Operator accounts: viewer < editor < admin; Argon2id password hashes';
COMMENT ON TABLE operator_sessions IS 'Sign-in sessions, keyed by the SHA-256 of the cookie token';
