package com.consultaion.application.service;

import com.consultaion.application.port.in.OperatorStatsQuery;
import com.consultaion.application.port.in.RateLimitQuery;
import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.application.port.out.StorageUnavailableException;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rate limits: the policy says which bucket an operation draws from and what it costs; the store keeps the
 * buckets. When the store cannot answer (the database is unreachable) the request is let through and counted:
 * the rest of the request needs the database too and will fail with 503 on its own, so refusing here would only
 * hide the real cause.
 */
public final class RateLimitService implements RateLimitQuery {

    private static final System.Logger LOG = System.getLogger(RateLimitService.class.getName());

    private final RateLimitStore store;
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final LongAdder refused = new LongAdder();
    private final LongAdder unchecked = new LongAdder();

    private final Telemetry telemetry;

    /** The last refusals on this node, newest last (at most {@link #RECENT}). */
    private final ArrayDeque<OperatorStatsQuery.Refusal> recent = new ArrayDeque<>();

    /** How many recent refusals are kept. */
    public static final int RECENT = 50;

    public RateLimitService(RateLimitStore store, RateLimitPolicy policy, Clock clock) {
        this(store, policy, clock, Telemetry.NONE);
    }

    public RateLimitService(RateLimitStore store, RateLimitPolicy policy, Clock clock, Telemetry telemetry) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public Optional<TokenBucket.Decision> check(String identity, RateLimitPolicy.Operation operation) {
        RateLimitPolicy.Charge charge = policy.charge(operation);
        String key = charge.bucket().name().toLowerCase(Locale.ROOT) + "|" + identity;
        try {
            TokenBucket.Decision decision = store.take(key, charge.limits(), charge.cost(), clock.instant());
            if (!decision.allowed()) {
                refused.increment();
                String bucket = charge.bucket().name().toLowerCase(Locale.ROOT);
                telemetry.rateLimitRefused(bucket);
                remember(new OperatorStatsQuery.Refusal(clock.instant(), identity, bucket));
            }
            return Optional.of(decision);
        } catch (StorageUnavailableException e) {
            unchecked.increment();
            LOG.log(Level.WARNING, "rate limit not checked (store unavailable): {0}", e.getMessage());
            return Optional.of(charge.limits().take(null, charge.cost(), clock.instant()));
        }
    }

    private void remember(OperatorStatsQuery.Refusal refusal) {
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(refusal);
        }
    }

    /** The last refusals on this node, newest last. */
    public List<OperatorStatsQuery.Refusal> recentRefusals() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** What each operation costs and from which bucket. */
    public RateLimitPolicy policy() {
        return policy;
    }

    /** Forgets buckets idle long enough to be full again. */
    public int purgeIdle(Duration idle) {
        return store.purgeIdle(clock.instant().minus(idle));
    }

    /** Requests refused since start, on this node. */
    public long refusedCount() {
        return refused.sum();
    }

    /** Requests let through unchecked because the store was unavailable, on this node. */
    public long uncheckedCount() {
        return unchecked.sum();
    }
}
