package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.domain.limit.TokenBucket;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Token buckets in PostgreSQL: one statement per take. The refill, the check and the spend happen inside the
 * {@code INSERT … ON CONFLICT DO UPDATE}, under the row's lock, so concurrent takes on any node are serialised
 * per bucket and cost one round trip. The arithmetic is {@link TokenBucket#take}'s, written in SQL; the
 * RateLimitStore contract test holds both stores to the same decisions.
 */
public final class JdbiRateLimitStore implements RateLimitStore {

    private static final String REFILLED = "LEAST(CAST(:capacity AS DOUBLE PRECISION), b.tokens + GREATEST(0, "
            + "EXTRACT(EPOCH FROM (EXCLUDED.touched_at - b.touched_at))::DOUBLE PRECISION) * :rate)";

    private static final String TAKE = "INSERT INTO rate_buckets AS b (key, tokens, touched_at, allowed) "
            + "VALUES (:key, :capacity - :cost, :now, TRUE) ON CONFLICT (key) DO UPDATE SET "
            + "tokens = CASE WHEN " + REFILLED + " >= :cost THEN " + REFILLED + " - :cost ELSE " + REFILLED + " END, "
            + "allowed = " + REFILLED + " >= :cost, "
            + "touched_at = GREATEST(b.touched_at, EXCLUDED.touched_at) "
            + "RETURNING tokens, touched_at, allowed";

    private final Jdbi jdbi;

    public JdbiRateLimitStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public TokenBucket.Decision take(String key, TokenBucket limits, double cost, Instant now) {
        if (!(cost > 0) || cost > limits.capacity()) {
            throw new IllegalArgumentException("cost must be positive and at most the capacity, was " + cost);
        }
        return jdbi.withHandle(h -> h.createQuery(TAKE)
                .bind("key", key)
                .bind("capacity", limits.capacity())
                .bind("rate", limits.refillPerSecond())
                .bind("cost", cost)
                .bind("now", JdbiDebateRepository.utc(now))
                .map((rs, ctx) -> limits.decided(
                        rs.getBoolean("allowed"),
                        new TokenBucket.State(rs.getDouble("tokens"), JdbiTimes.instant(rs, "touched_at")),
                        cost))
                .one());
    }

    @Override
    public int purgeIdle(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM rate_buckets WHERE touched_at < :before")
                .bind("before", JdbiDebateRepository.utc(before))
                .execute());
    }
}
