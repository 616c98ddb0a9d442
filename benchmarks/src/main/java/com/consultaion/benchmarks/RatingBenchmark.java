package com.consultaion.benchmarks;

import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.jdbi.JdbiFactory;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.service.LeaderboardService;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.rating.BradleyTerry;
import com.consultaion.domain.rating.Elo;
import com.consultaion.domain.rating.Leaderboard;
import com.consultaion.domain.rating.Match;
import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RecordedMatch;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The leaderboard's cost: (1) in memory, for 50 personas and 100,000 matches, the Elo replay, one Bradley–Terry
 * fit, and the fit with 1,000 bootstrap rounds (the whole board); (2) on an embedded PostgreSQL holding 10,000
 * rated debates of 5 personas (100,000 matches), reading the matches back and a full board refresh.
 */
public final class RatingBenchmark {

    private static final int PERSONAS = 50;
    private static final int MATCHES = 100_000;

    private RatingBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores; %d personas, %d matches, 1,000 bootstrap rounds%n",
                Runtime.getRuntime().availableProcessors(),
                PERSONAS,
                MATCHES);
        List<RecordedMatch> recorded = simulate(new SplittableRandom(1), MATCHES);
        List<Match> matches = recorded.stream().map(RecordedMatch::match).toList();
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            Elo.replay(matches);
            long t1 = System.nanoTime();
            BradleyTerry.fit(matches, BradleyTerry.DEFAULT_PRIOR);
            long t2 = System.nanoTime();
            Leaderboard.compute("", recorded, Leaderboard.Settings.DEFAULT);
            long t3 = System.nanoTime();
            System.out.printf(
                    Locale.ROOT,
                    "run %d: elo replay %.1f ms, one BT fit %.1f ms, whole board (elo + BT + 1,000 bootstrap fits) %.0f ms%n",
                    run,
                    (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6,
                    (t3 - t2) / 1e6);
        }
        database();
    }

    /** Matches between personas of normally spread true strength (sd 150 Elo points), 10% ties. */
    private static List<RecordedMatch> simulate(SplittableRandom random, int count) {
        double[] strength = new double[PERSONAS];
        for (int i = 0; i < PERSONAS; i++) {
            strength[i] = random.nextGaussian() * 150;
        }
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<RecordedMatch> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int a = random.nextInt(PERSONAS);
            int b = (a + 1 + random.nextInt(PERSONAS - 1)) % PERSONAS;
            double pa = Elo.expected(strength[a], strength[b]);
            double u = random.nextDouble();
            double score = u < 0.1 ? 0.5 : (random.nextDouble() < pa ? 1 : 0);
            out.add(new RecordedMatch(new Match("persona-" + a, "persona-" + b, score), t.plusSeconds(k)));
        }
        return out;
    }

    private static void database() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            ds.setMaximumPoolSize(8);
            new SchemaMigrations(pg.getJdbcUrl("postgres", "postgres"), "postgres", null).migrate();
            JdbiStores stores = JdbiStores.create(JdbiFactory.create(ds), new InMemoryDebateEventBus());
            SplittableRandom random = new SplittableRandom(2);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            DebateConfig config = DebateConfig.defaults("local");
            long load = System.nanoTime();
            for (int d = 0; d < 10_000; d++) {
                Instant at = t.plusSeconds(d);
                Debate debate = Debate.create(
                                DebateId.random(),
                                null,
                                new Prompt("Benchmark question number " + d),
                                DebateMode.DEBATE,
                                config,
                                at)
                        .start(at)
                        .complete("answer", at);
                stores.debates().insert(debate);
                List<RatedDebate.Score> scores = new ArrayList<>();
                List<Match> matches = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    scores.add(new RatedDebate.Score(
                            "persona-" + random.nextInt(PERSONAS), random.nextDouble() * 10, i + 1));
                }
                for (int i = 0; i < 5; i++) {
                    for (int j = i + 1; j < 5; j++) {
                        if (!scores.get(i).persona().equals(scores.get(j).persona())) {
                            matches.add(Match.win(
                                    scores.get(i).persona(), scores.get(j).persona()));
                        }
                    }
                }
                if (matches.isEmpty()) {
                    continue;
                }
                List<RatedDebate.Score> distinct = scores.stream()
                        .collect(Collectors.toMap(RatedDebate.Score::persona, s -> s, (x, y) -> x, LinkedHashMap::new))
                        .values()
                        .stream()
                        .toList();
                stores.ratings()
                        .record(new RatedDebate(
                                debate.id(),
                                Optional.empty(),
                                RatedDebate.fingerprint(debate.prompt().text()),
                                "",
                                distinct,
                                matches,
                                at));
            }
            System.out.printf(
                    Locale.ROOT,
                    "postgres: loaded 10,000 rated debates (%d matches) in %.1f s%n",
                    stores.ratings().matches("").size(),
                    (System.nanoTime() - load) / 1e9);
            LeaderboardService service =
                    new LeaderboardService(stores.ratings(), stores.transactions(), Leaderboard.Settings.DEFAULT);
            for (int run = 1; run <= 3; run++) {
                long t0 = System.nanoTime();
                stores.ratings().matches("");
                long t1 = System.nanoTime();
                var done = service.recompute(Requester.system(), ClientContext.NONE);
                long t2 = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "run %d: read all matches %.0f ms; full refresh (read + compute + replace board, %d entries) %.0f ms%n",
                        run,
                        (t1 - t0) / 1e6,
                        done.entries(),
                        (t2 - t1) / 1e6);
            }
        }
    }
}
