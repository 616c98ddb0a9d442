package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.domain.limit.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The RateLimitStore contract on both adapters: the domain's token-bucket decisions, atomic under concurrency. */
class RateLimitStoreContractTest {

    private static final TokenBucket TEN_PER_TEN_SECONDS = new TokenBucket(10, 1);

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void decisionsMatchTheDomainPolicyStepByStep(StoreFactory factory) {
        RateLimitStore store = factory.create().rateLimits();
        // (offset in ms, cost) — spend it all, get refused, refill partly, weighted takes, a clock going back.
        long[][] steps = {
            {0, 4}, {0, 6}, {0, 1}, {500, 1}, {1000, 1}, {1000, 1}, {4000, 3}, {4000, 2}, {3000, 1}, {60000, 10}
        };
        TokenBucket.State expected = null;
        for (long[] step : steps) {
            Instant now = T0.plusMillis(step[0]);
            TokenBucket.Decision want = TEN_PER_TEN_SECONDS.take(expected, step[1], now);
            TokenBucket.Decision got = store.take("user:alice", TEN_PER_TEN_SECONDS, step[1], now);
            assertThat(got.allowed()).as("step at %d ms", step[0]).isEqualTo(want.allowed());
            assertThat(got.state().tokens()).isCloseTo(want.state().tokens(), within(1e-6));
            assertThat(got.remaining()).isEqualTo(want.remaining());
            assertThat(got.retryAfter()).isCloseTo(want.retryAfter(), Duration.ofMillis(1));
            assertThat(got.resetAfter()).isCloseTo(want.resetAfter(), Duration.ofMillis(1));
            expected = want.state();
        }
        // Buckets are independent per key.
        assertThat(store.take("user:bob", TEN_PER_TEN_SECONDS, 10, T0).allowed())
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void concurrentTakesNeverSpendMoreThanTheBucketHolds(StoreFactory factory) throws Exception {
        PersistenceStores stores = factory.create();
        RateLimitStore store = stores.rateLimits();
        TokenBucket fifty = TokenBucket.of(50, Duration.ofHours(1));
        int threads = 8;
        int perThread = 25;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    go.await();
                    int allowed = 0;
                    for (int i = 0; i < perThread; i++) {
                        allowed += store.take("ip:203.0.113.7", fifty, 1, T0).allowed() ? 1 : 0;
                    }
                    return allowed;
                }));
            }
            go.countDown();
            int allowed = 0;
            for (Future<Integer> f : results) {
                allowed += f.get();
            }
            assertThat(allowed).isEqualTo(50);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void idleBucketsArePurgedAndStartFullAgain(StoreFactory factory) {
        RateLimitStore store = factory.create().rateLimits();
        store.take("user:old", TEN_PER_TEN_SECONDS, 10, T0);
        store.take("user:new", TEN_PER_TEN_SECONDS, 10, T0.plusSeconds(100));
        assertThat(store.purgeIdle(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(store.take("user:old", TEN_PER_TEN_SECONDS, 10, T0.plusSeconds(101))
                        .allowed())
                .isTrue();
        assertThat(store.take("user:new", TEN_PER_TEN_SECONDS, 10, T0.plusSeconds(101))
                        .allowed())
                .isFalse();
        for (String attack : InjectionStringsContractTest.ATTACKS) {
            assertThat(store.take(attack.replace("\u0000", ""), TEN_PER_TEN_SECONDS, 1, T0)
                            .allowed())
                    .isTrue();
        }
    }
}
