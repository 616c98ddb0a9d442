package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.domain.limit.TokenBucket;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** Token buckets in this JVM: each take is atomic per key (one node only; use the PostgreSQL store for several). */
public final class InMemoryRateLimitStore implements RateLimitStore {

    private final ConcurrentHashMap<String, TokenBucket.State> buckets = new ConcurrentHashMap<>();

    @Override
    public TokenBucket.Decision take(String key, TokenBucket limits, double cost, Instant now) {
        AtomicReference<TokenBucket.Decision> decision = new AtomicReference<>();
        buckets.compute(key, (k, state) -> {
            TokenBucket.Decision d = limits.take(state, cost, now);
            decision.set(d);
            return d.state();
        });
        return decision.get();
    }

    @Override
    public int purgeIdle(Instant before) {
        int[] removed = {0};
        buckets.entrySet().removeIf(e -> {
            boolean idle = e.getValue().at().isBefore(before);
            removed[0] += idle ? 1 : 0;
            return idle;
        });
        return removed[0];
    }
}
