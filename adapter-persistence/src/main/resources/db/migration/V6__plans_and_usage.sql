-- V6: each account's plan, and the usage ledger.
-- Plans themselves are configuration (consultaion.plans); an account names one by its slug.
ALTER TABLE users ADD COLUMN plan TEXT NOT NULL DEFAULT 'free' CHECK (plan ~ '^[a-z][a-z0-9_-]{0,49}$');

-- Append-only. entry_key is unique, so a retried reservation, release or settlement is written once:
-- reserve:<debate>, release:<debate>, settle:<debate>:<phase>:<model>.
CREATE TABLE usage_ledger (
    id          BIGINT         GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_key   TEXT           NOT NULL UNIQUE CHECK (char_length(entry_key) <= 400),
    user_id     UUID           NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    debate_id   UUID           NOT NULL,
    kind        TEXT           NOT NULL CHECK (kind IN ('reserve', 'release', 'settle')),
    phase       TEXT,
    model       TEXT,
    tokens      BIGINT         NOT NULL,
    cost_usd    NUMERIC(14, 6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
    created_at  TIMESTAMPTZ    NOT NULL,
    CHECK ((kind = 'settle') = (model IS NOT NULL))
);
-- Usage of one account over a period (today, this month).
CREATE INDEX usage_ledger_user_time_idx ON usage_ledger (user_id, created_at);
