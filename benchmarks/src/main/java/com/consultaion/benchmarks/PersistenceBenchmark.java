package com.consultaion.benchmarks;

import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.jdbi.JdbiFactory;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The PostgreSQL stores under load, on an embedded PostgreSQL with the service's durability (fsync and
 * synchronous commit on): (1) stage-sized transactions — 3 contributions + 4 events + the debate row — per second,
 * with 1 and 8 writers; (2) reading the transcript of a debate with 50 contributions, p50/p99 over 2,000 reads.
 */
public final class PersistenceBenchmark {

    private PersistenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .start();
                HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            ds.setMaximumPoolSize(16);
            new SchemaMigrations(pg.getJdbcUrl("postgres", "postgres"), "postgres", null).migrate();
            JdbiStores stores = JdbiStores.create(JdbiFactory.create(ds), new InMemoryDebateEventBus());
            System.out.printf(
                    Locale.ROOT,
                    "machine: %d cores; embedded PostgreSQL, fsync on, synchronous_commit on%n",
                    Runtime.getRuntime().availableProcessors());
            for (int writers : new int[] {1, 8}) {
                for (int run = 1; run <= 3; run++) {
                    stageCommits(stores, writers, 400, run);
                }
            }
            for (int run = 1; run <= 3; run++) {
                transcriptReads(stores, run);
            }
        }
    }

    private static void stageCommits(JdbiStores stores, int writers, int perWriter, int run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                Debate d = Debate.create(
                        DebateId.random(),
                        null,
                        new Prompt("Benchmark question for the stores"),
                        DebateMode.DEBATE,
                        DebateConfig.defaults("local"),
                        Instant.now());
                stores.debates().insert(d);
                Debate current = stores.debates().update(d.start(Instant.now()));
                for (int stage = 0; stage < perWriter; stage++) {
                    Debate base = current;
                    int s = stage;
                    Instant now = Instant.now();
                    List<Contribution> rows = List.of(
                            Contribution.answered(
                                    s, s + 1, Phase.DRAFT, "Analyst", "local", "local", "answer " + s, Usage.NONE, now),
                            Contribution.answered(
                                    s, s + 1, Phase.DRAFT, "Critic", "local", "local", "answer " + s, Usage.NONE, now),
                            Contribution.answered(
                                    s,
                                    s + 1,
                                    Phase.DRAFT,
                                    "Builder",
                                    "local",
                                    "local",
                                    "answer " + s,
                                    Usage.NONE,
                                    now));
                    List<DebateEvent> events = new ArrayList<>();
                    for (int e = 0; e < 4; e++) {
                        events.add(new DebateEvent(
                                d.id(),
                                base.lastSeq() + 1 + e,
                                now,
                                new EventPayload.Notice("info", "event " + e + " of stage " + s)));
                    }
                    current = stores.transactions().inTransaction(() -> {
                        stores.transcripts().addContributions(d.id(), rows);
                        stores.events().append(events);
                        return stores.debates().update(base.recordEvents(4).checkpoint(s + 1, now));
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        int transactions = writers * perWriter;
        System.out.printf(
                Locale.ROOT,
                "stage commits, %d writer(s), run %d: %.0f transactions/s = %.0f rows/s (7 rows + 1 update each)%n",
                writers,
                run,
                transactions / seconds,
                transactions * 8 / seconds);
    }

    private static void transcriptReads(JdbiStores stores, int run) {
        Debate d = Debate.create(
                DebateId.random(),
                null,
                new Prompt("A debate with fifty contributions"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                Instant.now());
        stores.debates().insert(d);
        List<Contribution> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(Contribution.answered(
                    i / 5,
                    i / 5 + 1,
                    Phase.DRAFT,
                    "Agent" + i,
                    "local",
                    "local",
                    "a contribution of about two hundred characters ".repeat(4),
                    Usage.NONE,
                    Instant.now()));
        }
        stores.transcripts().addContributions(d.id(), rows);
        long[] micros = new long[2000];
        for (int i = 0; i < 200; i++) {
            stores.transcripts().contributions(d.id()); // warm-up
        }
        for (int i = 0; i < micros.length; i++) {
            long t = System.nanoTime();
            stores.debates().findById(d.id());
            if (stores.transcripts().contributions(d.id()).size() != 50) {
                throw new IllegalStateException("expected 50 contributions");
            }
            micros[i] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf(
                Locale.ROOT,
                "read debate + 50 contributions, run %d: p50 %.2f ms  p99 %.2f ms  (2000 reads)%n",
                run,
                micros[1000] / 1000.0,
                micros[1980] / 1000.0);
    }
}
