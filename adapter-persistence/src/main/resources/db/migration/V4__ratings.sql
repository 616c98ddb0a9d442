-- V4: the leaderboard's facts (rated debates, each persona's score, the pairwise matches) and the boards
-- computed from them. The facts are the source of truth; boards are derived and rebuilt from them at will.
-- Plain DDL only; values never reach SQL text (see docs/adr/0002).

-- One row per rated debate, written in the debate's completion transaction. debate_id is unique, so a debate is
-- rated at most once; (owner_key, fingerprint) is unique, so one owner's repeated prompt is rated once
-- (owner_key is the nil UUID for debates without an owner). seq orders the Elo replay.
CREATE TABLE rated_debates (
    seq              BIGINT           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    debate_id        UUID             NOT NULL UNIQUE REFERENCES debates (id) ON DELETE CASCADE,
    owner_key        UUID             NOT NULL,
    fingerprint      TEXT             NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    category         TEXT             NOT NULL CHECK (char_length(category) <= 200),
    champion         TEXT             NOT NULL,
    champion_score   DOUBLE PRECISION NOT NULL,
    runner_up_score  DOUBLE PRECISION NOT NULL,
    rated_at         TIMESTAMPTZ      NOT NULL,
    UNIQUE (owner_key, fingerprint)
);
-- A category's board reads its debates' matches in recorded order.
CREATE INDEX rated_debates_category_seq_idx ON rated_debates (category, seq);

-- Each scored persona of a rated debate: its aggregated judge score, rank, and whether it scored best.
CREATE TABLE rated_scores (
    debate_id  UUID             NOT NULL REFERENCES rated_debates (debate_id) ON DELETE CASCADE,
    persona    TEXT             NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    rank       INTEGER          NOT NULL CHECK (rank >= 1),
    champion   BOOLEAN          NOT NULL,
    PRIMARY KEY (debate_id, persona)
);
-- /stats/models/{persona}: one persona's debates and averages.
CREATE INDEX rated_scores_persona_idx ON rated_scores (persona);

-- The pairwise matches of a rated debate, in the order Elo applies them.
CREATE TABLE rating_matches (
    debate_id  UUID             NOT NULL REFERENCES rated_debates (debate_id) ON DELETE CASCADE,
    ordinal    INTEGER          NOT NULL CHECK (ordinal >= 0),
    persona_a  TEXT             NOT NULL,
    persona_b  TEXT             NOT NULL,
    score_a    DOUBLE PRECISION NOT NULL CHECK (score_a IN (0, 0.5, 1)),
    PRIMARY KEY (debate_id, ordinal),
    CHECK (persona_a <> persona_b)
);

-- A computed board per category ('' is the overall board) and the record it was computed through: a
-- replacement computed through an earlier record is refused, so a slow node never overwrites newer numbers.
CREATE TABLE rating_boards (
    category     TEXT        PRIMARY KEY,
    through_seq  BIGINT      NOT NULL CHECK (through_seq >= 0),
    computed_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE ratings (
    category       TEXT             NOT NULL REFERENCES rating_boards (category) ON DELETE CASCADE,
    persona        TEXT             NOT NULL,
    elo            DOUBLE PRECISION NOT NULL,
    bt_rating      DOUBLE PRECISION NOT NULL,
    ci_low         DOUBLE PRECISION NOT NULL,
    ci_high        DOUBLE PRECISION NOT NULL,
    rank           INTEGER          NOT NULL CHECK (rank >= 1),
    n_matches      INTEGER          NOT NULL CHECK (n_matches >= 1),
    win_rate       DOUBLE PRECISION NOT NULL,
    win_rate_low   DOUBLE PRECISION NOT NULL,
    win_rate_high  DOUBLE PRECISION NOT NULL,
    last_updated   TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (category, persona)
);
-- GET /leaderboard reads a category's board in display order (rank, then rating); the primary key serves
-- /leaderboard/persona/{persona}.
CREATE INDEX ratings_board_order_idx ON ratings (category, rank, bt_rating DESC, persona);
