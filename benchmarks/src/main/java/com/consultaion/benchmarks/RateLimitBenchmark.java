package com.consultaion.benchmarks;

import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.inmemory.InMemoryRateLimitStore;
import com.consultaion.adapter.persistence.jdbi.JdbiFactory;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.domain.limit.TokenBucket;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cost of one rate-limit check at the store: in memory and on an embedded PostgreSQL (the one-statement
 * upsert), with 1 and 8 threads, 1,000 distinct identities, every take allowed (a huge bucket), so the numbers are
 * the check itself. Latency per take: p50 and p99; throughput: takes per second.
 */
public final class RateLimitBenchmark {

    private static final TokenBucket HUGE = TokenBucket.of(1e12, Duration.ofMinutes(1));

    private RateLimitBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                Locale.ROOT, "machine: %d cores%n", Runtime.getRuntime().availableProcessors());
        RateLimitStore memory = new InMemoryRateLimitStore();
        for (int run = 1; run <= 3; run++) {
            measure("memory", memory, 1, 1_000_000, run);
            measure("memory", memory, 8, 250_000, run);
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            ds.setMaximumPoolSize(16);
            new SchemaMigrations(pg.getJdbcUrl("postgres", "postgres"), "postgres", null).migrate();
            RateLimitStore postgres = JdbiStores.create(JdbiFactory.create(ds), new InMemoryDebateEventBus())
                    .rateLimits();
            for (int run = 1; run <= 3; run++) {
                measure("postgres", postgres, 1, 5_000, run);
                measure("postgres", postgres, 8, 2_500, run);
            }
        }
    }

    private static void measure(String name, RateLimitStore store, int threads, int perThread, int run)
            throws Exception {
        long[][] latencies = new long[threads][perThread];
        CountDownLatch go = new CountDownLatch(1);
        long started;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                var unused = pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        String key = "api|user:" + ((thread * 7919 + i) % 1000);
                        long t0 = System.nanoTime();
                        store.take(key, HUGE, 1, Instant.now());
                        latencies[thread][i] = System.nanoTime() - t0;
                    }
                    return null;
                });
            }
            started = System.nanoTime();
            go.countDown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all =
                Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "run %d %-8s threads %d: %,.0f takes/s, p50 %.1f µs, p99 %.1f µs%n",
                run,
                name,
                threads,
                all.length / seconds,
                all[all.length / 2] / 1e3,
                all[(int) (all.length * 0.99)] / 1e3);
    }
}
