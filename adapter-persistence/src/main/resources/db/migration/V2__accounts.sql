-- V2: accounts, sessions with rotating refresh tokens, API keys, sign-in throttling, the audit trail,
-- and erasure bookkeeping for debates.

CREATE TABLE users (
    id             UUID        PRIMARY KEY,
    email          TEXT        NOT NULL CHECK (email = lower(email) AND char_length(email) <= 254),
    password_hash  TEXT        NOT NULL,
    role           TEXT        NOT NULL CHECK (role IN ('user', 'admin')),
    display_name   TEXT        CHECK (char_length(display_name) <= 80),
    avatar_url     TEXT        CHECK (char_length(avatar_url) <= 500),
    bio            TEXT        CHECK (char_length(bio) <= 1000),
    timezone       TEXT        CHECK (char_length(timezone) <= 64),
    is_active      BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL,
    deleted_at     TIMESTAMPTZ
);
-- Sign-in looks users up by e-mail; one account per address.
CREATE UNIQUE INDEX users_email_idx ON users (email);

-- Debates of a user point at the user (users are never hard-deleted: erasure keeps the row).
ALTER TABLE debates ADD CONSTRAINT debates_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);
ALTER TABLE debates ADD COLUMN content_erased_at TIMESTAMPTZ;
-- Retention finds finished, not yet erased debates by age.
CREATE INDEX debates_retention_idx ON debates (created_at)
    WHERE content_erased_at IS NULL AND status NOT IN ('queued', 'running');

-- A session is a family of refresh tokens; access tokens name their session, so revoking it ends them too.
CREATE TABLE sessions (
    id          UUID        PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES users (id),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);
-- Erasure and "sign out everywhere" revoke every session of a user.
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash  BYTEA       PRIMARY KEY,          -- SHA-256 of the token; the token itself is never stored
    session_id  UUID        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    rotated_at  TIMESTAMPTZ                        -- set when traded for a new token; reuse after that is theft
);

CREATE TABLE api_keys (
    id            UUID        PRIMARY KEY,
    user_id       UUID        NOT NULL REFERENCES users (id),
    name          TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    prefix        TEXT        NOT NULL CHECK (prefix LIKE 'pk\_%'),
    key_hash      BYTEA       NOT NULL UNIQUE,     -- SHA-256 of the whole key
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
-- Authentication looks keys up by their public prefix; GET /keys lists a user's keys.
CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at);

-- Failed sign-ins per e-mail key (SHA-256 of the normalised address, known or not).
CREATE TABLE login_attempts (
    email_key     TEXT        PRIMARY KEY,
    failures      INTEGER     NOT NULL CHECK (failures >= 0),
    locked_until  TIMESTAMPTZ
);

-- Security-relevant actions. Never prompts, passwords, tokens or keys.
CREATE TABLE audit_log (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    user_id      UUID,
    action       TEXT        NOT NULL,
    target_type  TEXT,
    target_id    TEXT,
    ip           TEXT,
    request_id   TEXT,
    detail       JSONB       NOT NULL DEFAULT '{}'
);
-- The admin audit view filters by user and time; retention deletes by time.
CREATE INDEX audit_log_user_at_idx ON audit_log (user_id, at DESC);
CREATE INDEX audit_log_at_idx ON audit_log (at);
