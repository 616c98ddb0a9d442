-- V7: running totals of the usage ledger per account and period, written in the same transaction as each
-- ledger entry, so a quota check reads two rows instead of summing the account's ledger (which grows with every
-- debate and was read while the account's lock was held). The ledger stays the source of truth; these rows can
-- be rebuilt from it (as below).
CREATE TABLE usage_counters (
    user_id         UUID    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- 'd:2026-11-26' (a UTC day) or 'm:2026-11' (a UTC month)
    period          TEXT    NOT NULL CHECK (period ~ '^(d:[0-9]{4}-[0-9]{2}-[0-9]{2}|m:[0-9]{4}-[0-9]{2})$'),
    debates         INTEGER NOT NULL DEFAULT 0,  -- reservations (debates started)
    tokens          BIGINT  NOT NULL DEFAULT 0,  -- every entry: reserved, released and settled tokens
    settled_tokens  BIGINT  NOT NULL DEFAULT 0,  -- settled tokens only
    PRIMARY KEY (user_id, period)
);

INSERT INTO usage_counters (user_id, period, debates, tokens, settled_tokens)
SELECT user_id, period, sum(debates), sum(tokens), sum(settled)
FROM (
    SELECT user_id, 'd:' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS period,
           (kind = 'reserve')::int AS debates, tokens, CASE WHEN kind = 'settle' THEN tokens ELSE 0 END AS settled
    FROM usage_ledger
    UNION ALL
    SELECT user_id, 'm:' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM'),
           (kind = 'reserve')::int, tokens, CASE WHEN kind = 'settle' THEN tokens ELSE 0 END
    FROM usage_ledger
) entries
GROUP BY user_id, period;
