-- V5: token buckets for rate limits, shared by every node.
-- UNLOGGED: written on nearly every request, so no WAL; after a database crash the table is empty and every
-- bucket starts full again, which only forgives recent spending.
CREATE UNLOGGED TABLE rate_buckets (
    key         TEXT             PRIMARY KEY CHECK (char_length(key) <= 400),
    tokens      DOUBLE PRECISION NOT NULL CHECK (tokens >= 0),
    touched_at  TIMESTAMPTZ      NOT NULL,
    allowed     BOOLEAN          NOT NULL  -- whether the last take was allowed (returned by the same statement)
);
-- The purge of idle buckets.
CREATE INDEX rate_buckets_touched_idx ON rate_buckets (touched_at);
