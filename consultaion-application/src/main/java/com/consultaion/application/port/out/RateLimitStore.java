package com.consultaion.application.port.out;

import com.consultaion.domain.limit.TokenBucket;
import java.time.Instant;

/**
 * Port out: token buckets shared by every node. {@link #take} is one atomic read-modify-write per call, so
 * concurrent requests on any node never spend the same token twice.
 */
public interface RateLimitStore {

    /** Takes {@code cost} tokens from the bucket under {@code key} if it holds them (a new bucket starts full). */
    TokenBucket.Decision take(String key, TokenBucket limits, double cost, Instant now);

    /** Forgets buckets untouched since {@code before} (they would be full again); returns how many. */
    int purgeIdle(Instant before);
}
