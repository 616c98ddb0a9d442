package com.consultaion.domain.limit;

import java.util.Map;
import java.util.Objects;

/**
 * Which bucket an operation draws from and what it costs. Operations are weighted: starting a debate costs more
 * than reading one, opening a live stream has its own bucket, and sign-in and registration have a bucket per
 * client address that nothing else touches.
 */
public record RateLimitPolicy(Map<Bucket, TokenBucket> buckets, double debateCost) {

    /** The independent budgets an identity has. */
    public enum Bucket {
        /** Every API call of a user, API key or address. */
        API,
        /** Opening a live event stream. */
        STREAM,
        /** Sign-in, registration and token refresh, per client address. */
        AUTH
    }

    /** The operations the HTTP adapter tells apart. */
    public enum Operation {
        READ,
        WRITE,
        START_DEBATE,
        OPEN_STREAM,
        SIGN_IN,
        /** Exporting everything held about oneself: as costly as starting a debate. */
        EXPORT_PERSONAL_DATA
    }

    /** A charge against one bucket. */
    public record Charge(Bucket bucket, TokenBucket limits, double cost) {}

    public RateLimitPolicy {
        buckets = Map.copyOf(buckets);
        for (Bucket b : Bucket.values()) {
            Objects.requireNonNull(buckets.get(b), "no limits for bucket " + b);
        }
        if (!(debateCost >= 1) || debateCost > limits(buckets, Bucket.API).capacity()) {
            throw new IllegalArgumentException("the debate cost must be between 1 and the API bucket's capacity");
        }
    }

    /** Every bucket has limits (checked on construction). */
    private static TokenBucket limits(Map<Bucket, TokenBucket> buckets, Bucket bucket) {
        return Objects.requireNonNull(buckets.get(bucket), bucket.name());
    }

    public Charge charge(Operation operation) {
        return switch (operation) {
            case READ, WRITE -> new Charge(Bucket.API, limits(buckets, Bucket.API), 1);
            case START_DEBATE, EXPORT_PERSONAL_DATA -> new Charge(Bucket.API, limits(buckets, Bucket.API), debateCost);
            case OPEN_STREAM -> new Charge(Bucket.STREAM, limits(buckets, Bucket.STREAM), 1);
            case SIGN_IN -> new Charge(Bucket.AUTH, limits(buckets, Bucket.AUTH), 1);
        };
    }
}
