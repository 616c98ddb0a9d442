package com.consultaion.benchmarks;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.application.Consultaion;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The debate core's own speed, in process (no HTTP): (1) orchestration overhead — wall time of one default
 * debate (3 agents, 1 critique round, 2 judges, synthesis) divided by its critical path 4·L, with the local
 * model at latency L; (2) throughput — debates per second completed with L = 0 when N start at once.
 *
 * <p>Arguments (all optional): {@code latencies=50,100 runs=10 debates=2000 store=memory|postgres}.
 */
public final class CoreBenchmark {

    private CoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArgs.parse(args);
        List<Integer> latencies = new ArrayList<>();
        for (String l : options.getOrDefault("latencies", "50,100").split(",", -1)) {
            latencies.add(Integer.parseInt(l.strip()));
        }
        int runs = Integer.parseInt(options.getOrDefault("runs", "10"));
        int debates = Integer.parseInt(options.getOrDefault("debates", "2000"));
        String store = options.getOrDefault("store", "memory");

        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, JDK %s, store=%s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                store);
        try (StoreSource stores = StoreSource.of(store)) {
            for (int latency : latencies) {
                overhead(stores, latency, runs);
            }
            throughput(stores, debates, runs <= 3 ? 1 : 3);
        }
    }

    private static Consultaion consultaion(StoreSource stores, int latencyMs) {
        return Consultaion.builder()
                .chatModel(new LocalChatModel(new LocalChatModel.Settings(Duration.ofMillis(latencyMs), 0)))
                .stores(stores.get())
                .worker(new DebateWorker.Settings(
                        "bench", 5000, Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofMillis(200)))
                .build();
    }

    private static void overhead(StoreSource stores, int latencyMs, int runs) throws Exception {
        List<Double> ratios = new ArrayList<>();
        try (Consultaion c = consultaion(stores, latencyMs)) {
            c.startAndAwait("Warm-up: what makes a good code review?", Duration.ofMinutes(1));
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                Debate done = c.startAndAwait(
                        "Run " + i + ": should a team of five adopt trunk-based development?", Duration.ofMinutes(1));
                double wallMs = (System.nanoTime() - start) / 1e6;
                if (done.status() != DebateStatus.COMPLETED) {
                    throw new IllegalStateException("debate ended " + done.status());
                }
                ratios.add(wallMs / (4.0 * latencyMs));
            }
        }
        Collections.sort(ratios);
        System.out.printf(
                Locale.ROOT,
                "overhead L=%dms: wall/(4L) median %.3f  min %.3f  max %.3f  (runs=%d; wall median %.1f ms)%n",
                latencyMs,
                median(ratios),
                ratios.get(0),
                ratios.get(ratios.size() - 1),
                runs,
                median(ratios) * 4 * latencyMs);
    }

    private static void throughput(StoreSource stores, int debates, int repeats) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            try (Consultaion c = consultaion(stores, 0)) {
                c.startAndAwait("Warm-up: how to choose a queue?", Duration.ofMinutes(1));
                long start = System.nanoTime();
                List<DebateId> ids = new ArrayList<>(debates);
                for (int i = 0; i < debates; i++) {
                    ids.add(c.start(
                                    "Throughput run " + i + ": which cache eviction policy fits a CDN?",
                                    DebateConfig.defaults("local"))
                            .id());
                }
                for (DebateId id : ids) {
                    Debate done = c.await(id, Duration.ofMinutes(10));
                    if (done.status() != DebateStatus.COMPLETED) {
                        throw new IllegalStateException("debate ended " + done.status());
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.add(debates / seconds);
            }
        }
        Collections.sort(rates);
        System.out.printf(
                Locale.ROOT,
                "throughput L=0: %d debates started at once: median %.0f debates/s  min %.0f  max %.0f  (repeats=%d)%n",
                debates,
                median(rates),
                rates.get(0),
                rates.get(rates.size() - 1),
                repeats);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Fresh stores per phase: in memory, or on an embedded PostgreSQL started once. */
    private interface StoreSource extends Supplier<PersistenceStores>, AutoCloseable {
        static StoreSource of(String kind) throws Exception {
            if (kind.equals("memory")) {
                return new StoreSource() {
                    @Override
                    public PersistenceStores get() {
                        return InMemoryStores.create();
                    }

                    @Override
                    public void close() {}
                };
            }
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .start();
            new SchemaMigrations(pg.getPostgresDatabase()).migrate();
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            ds.setMaximumPoolSize(20);
            Jdbi jdbi = Jdbi.create(ds).installPlugin(new PostgresPlugin());
            return new StoreSource() {
                @Override
                public PersistenceStores get() {
                    jdbi.useHandle(h -> h.execute("TRUNCATE debates CASCADE"));
                    return JdbiStores.create(jdbi, new InMemoryDebateEventBus());
                }

                @Override
                public void close() throws Exception {
                    ds.close();
                    pg.close();
                }
            };
        }
    }
}
