-- V1: debates, their transcript and their event log.
-- Every statement here is plain DDL; values never reach SQL text (see docs/adr/0002).

CREATE TABLE debates (
    id                UUID        PRIMARY KEY,
    owner_id          UUID,                       -- NULL for embedded/anonymous use
    team_id           UUID,
    mode              TEXT        NOT NULL CHECK (mode IN ('debate', 'parliament', 'conversation')),
    prompt            TEXT        NOT NULL CHECK (char_length(prompt) BETWEEN 10 AND 5000),
    config            JSONB       NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('queued', 'running', 'completed',
                                      'completed_with_warnings', 'failed', 'cancelled')),
    next_stage        INTEGER     NOT NULL DEFAULT 0 CHECK (next_stage >= 0),
    last_seq          BIGINT      NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    final_content     TEXT,
    final_meta        JSONB,
    error_reason      TEXT,
    error_detail      TEXT,
    cancel_requested  BOOLEAN     NOT NULL DEFAULT FALSE,
    version           BIGINT      NOT NULL DEFAULT 0,
    -- work lease: owner, expiry and a monotonically increasing fencing epoch
    lease_owner       TEXT,
    lease_epoch       BIGINT      NOT NULL DEFAULT 0,
    lease_expires_at  TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- GET /debates lists a user's debates newest first, optionally filtered by status.
CREATE INDEX debates_owner_status_created_idx ON debates (owner_id, status, created_at DESC);
-- Workers claim queued work and take over running work whose lease expired.
CREATE INDEX debates_claimable_idx ON debates (status, lease_expires_at) WHERE status IN ('queued', 'running');

-- One row per contribution (draft, revision, synthesis); (debate, stage, agent) is unique so a
-- resumed stage can never insert the same contribution twice.
CREATE TABLE debate_contributions (
    debate_id     UUID        NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    stage         INTEGER     NOT NULL CHECK (stage >= 0),
    round         INTEGER     NOT NULL CHECK (round >= 0),
    phase         TEXT        NOT NULL,
    agent         TEXT        NOT NULL,
    model         TEXT        NOT NULL,
    provider      TEXT        NOT NULL,
    outcome       TEXT        NOT NULL CHECK (outcome IN ('ok', 'failed')),
    content       TEXT,
    error         TEXT,
    input_tokens  INTEGER     NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
    output_tokens INTEGER     NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
    cost_usd      NUMERIC(14, 6) NOT NULL DEFAULT 0,
    estimated     BOOLEAN     NOT NULL DEFAULT FALSE,  -- usage estimated because the provider reported none
    created_at    TIMESTAMPTZ NOT NULL,
    ordinal       BIGINT      GENERATED ALWAYS AS IDENTITY,  -- insertion order, for a stable transcript
    PRIMARY KEY (debate_id, stage, agent),
    CHECK ((outcome = 'ok') = (content IS NOT NULL)),
    CHECK ((outcome = 'failed') = (error IS NOT NULL))
);

-- Every judge's raw reply, parsed or not, with the anonymous label it saw.
CREATE TABLE debate_verdicts (
    debate_id     UUID        NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    judge         TEXT        NOT NULL,
    candidate     TEXT        NOT NULL,
    label         TEXT        NOT NULL,
    model         TEXT        NOT NULL,
    parsed        BOOLEAN     NOT NULL,
    criteria      JSONB,
    score         DOUBLE PRECISION CHECK (score BETWEEN 0 AND 10),
    rationale     TEXT,
    reason        TEXT,                          -- why an unparseable verdict was excluded
    raw_text      TEXT,                          -- the judge's reply as received (NULL when the call failed)
    input_tokens  INTEGER     NOT NULL DEFAULT 0,
    output_tokens INTEGER     NOT NULL DEFAULT 0,
    cost_usd      NUMERIC(14, 6) NOT NULL DEFAULT 0,
    estimated     BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    ordinal       BIGINT      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (debate_id, judge, candidate),
    CHECK (parsed = (score IS NOT NULL)),
    CHECK (parsed OR reason IS NOT NULL)
);

-- The aggregated vote of a debate: ranking, per-candidate scores and methods.
CREATE TABLE debate_rankings (
    debate_id   UUID        PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
    method      TEXT        NOT NULL,
    result      JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- The event log: per-debate, gap-free seq starting at 1. The primary key serves replay
-- (WHERE debate_id = ? AND seq > ? ORDER BY seq).
CREATE TABLE debate_events (
    debate_id   UUID        NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
    seq         BIGINT      NOT NULL CHECK (seq >= 1),
    type        TEXT        NOT NULL,
    payload     JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (debate_id, seq)
);
