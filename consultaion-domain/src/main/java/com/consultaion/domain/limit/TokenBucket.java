package com.consultaion.domain.limit;

import com.consultaion.domain.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket: it holds up to {@code capacity} tokens, refills continuously at {@code refillPerSecond}, and an
 * operation that costs {@code cost} tokens is allowed when that many are there (and takes them), refused
 * otherwise (and takes none). A new bucket starts full. Pure arithmetic; the stores keep the state.
 */
public record TokenBucket(double capacity, double refillPerSecond) {

    public TokenBucket {
        if (!(capacity >= 1) || !(refillPerSecond > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("a bucket needs capacity >= 1 and a positive refill rate");
        }
    }

    /** A bucket of {@code capacity} that refills completely in {@code period}. */
    public static TokenBucket of(double capacity, Duration period) {
        return new TokenBucket(capacity, capacity / (period.toNanos() / 1e9));
    }

    /** What a bucket holds, as of when it was last touched. */
    public record State(double tokens, Instant at) {
        public State {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The outcome of one take: whether it was allowed, the state to store, what is left, how long until the
     * bucket is full again, and (when refused) how long until {@code cost} tokens are there.
     */
    public record Decision(boolean allowed, State state, double capacity, Duration resetAfter, Duration retryAfter) {
        /** Whole tokens left, as a client is told. */
        public long remaining() {
            return (long) Math.floor(state.tokens());
        }
    }

    /** Tokens held at {@code now}: refilled since the last touch, never above capacity (a clock going back adds none). */
    public double tokensAt(@Nullable State state, Instant now) {
        if (state == null) {
            return capacity;
        }
        double elapsed = Math.max(0, Duration.between(state.at(), now).toNanos() / 1e9);
        return Math.min(capacity, state.tokens() + elapsed * refillPerSecond);
    }

    public Decision take(@Nullable State state, double cost, Instant now) {
        if (!(cost > 0) || cost > capacity) {
            throw new IllegalArgumentException("cost must be positive and at most the capacity, was " + cost);
        }
        Instant at = state == null || now.isAfter(state.at()) ? now : state.at();
        double tokens = tokensAt(state, now);
        boolean allowed = tokens >= cost;
        return decided(allowed, new State(allowed ? tokens - cost : tokens, at), cost);
    }

    /**
     * The decision for a take whose arithmetic was done elsewhere (a store that updates atomically in SQL):
     * {@code after} is the state it left.
     */
    public Decision decided(boolean allowed, State after, double cost) {
        Duration retry = allowed ? Duration.ZERO : seconds((cost - after.tokens()) / refillPerSecond);
        return new Decision(allowed, after, capacity, seconds((capacity - after.tokens()) / refillPerSecond), retry);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) Math.ceil(s * 1e9));
    }
}
