package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.RatingStore;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.rating.Match;
import com.consultaion.domain.rating.PersonaStats;
import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RatingEntry;
import com.consultaion.domain.rating.RecordedMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The RatingStore contract on both adapters: exactly-once records, the abuse rule, boards and statistics. */
class RatingStoreContractTest {

    private static UserId user(PersistenceStores stores, String email) {
        User u = AccountStoresContractTest.user(email);
        stores.accounts().users().insert(u);
        return u.id();
    }

    /** A stored, completed debate of {@code owner} on {@code prompt}, judged with the given scores. */
    private static RatedDebate completed(
            PersistenceStores stores,
            UserId owner,
            String prompt,
            Instant at,
            double analyst,
            double critic,
            double builder) {
        Debate debate = Debate.create(
                        DebateId.random(),
                        owner,
                        new Prompt(prompt),
                        DebateMode.DEBATE,
                        DebateConfig.defaults("local"),
                        at)
                .start(at)
                .complete("The answer to: " + prompt, at);
        stores.debates().insert(debate);
        RankingResult ranking = new RankingResult(
                RankingResult.METHOD,
                List.of(
                        new RankedCandidate("Analyst", 1, analyst, 2, 2, 2),
                        new RankedCandidate("Critic", 2, critic, 1, 1, 2),
                        new RankedCandidate("Builder", 3, builder, 0, 0, 2)));
        return RatedDebate.of(debate, ranking, RatedDebate.OVERALL, at).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aDebateIsRecordedOnceEvenWhenRecordedAgainOrConcurrently(StoreFactory factory) throws Exception {
        PersistenceStores stores = factory.create();
        RatingStore ratings = stores.ratings();
        UserId alice = user(stores, "alice@example.com");
        RatedDebate first = completed(stores, alice, "Should a city ban cars from its centre?", T0, 8, 7, 6);

        assertThat(ratings.record(first)).isTrue();
        assertThat(ratings.record(first)).isFalse();

        RatedDebate second = completed(stores, alice, "How should a small team choose a database?", T0, 5, 9, 7);
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> attempt = () -> {
                    go.await();
                    return stores.transactions().inTransaction(() -> ratings.record(second));
                };
                results.add(pool.submit(attempt));
            }
            go.countDown();
            int recorded = 0;
            for (Future<Boolean> f : results) {
                recorded += f.get() ? 1 : 0;
            }
            assertThat(recorded).isEqualTo(1);
        }
        assertThat(ratings.matches(RatedDebate.OVERALL)).hasSize(6);
        assertThat(ratings.lastRecorded()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void anOwnersRepeatedPromptIsRatedOnceOtherOwnersStillCount(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        RatingStore ratings = stores.ratings();
        UserId alice = user(stores, "alice@example.com");
        UserId bob = user(stores, "bob@example.com");
        String prompt = "Should a city ban cars from its centre?";

        assertThat(ratings.record(completed(stores, alice, prompt, T0, 9, 1, 1)))
                .isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(ratings.record(
                            completed(stores, alice, "  SHOULD a city ban cars from its centre!", T0, 9, 1, 1)))
                    .isFalse();
        }
        assertThat(ratings.record(completed(stores, bob, prompt, T0, 9, 1, 1))).isTrue();
        assertThat(ratings.record(completed(stores, null, prompt, T0, 9, 1, 1))).isTrue();
        assertThat(ratings.record(completed(stores, null, prompt, T0, 9, 1, 1))).isFalse();
        assertThat(ratings.matches(RatedDebate.OVERALL)).hasSize(9);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void matchesComeBackInRecordedOrder(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        RatingStore ratings = stores.ratings();
        UserId alice = user(stores, "alice@example.com");
        ratings.record(completed(stores, alice, "First question about databases?", T0, 8, 8, 6));
        ratings.record(completed(stores, alice, "Second question about databases?", T0.plusSeconds(5), 5, 7, 9));

        assertThat(ratings.matches(RatedDebate.OVERALL))
                .containsExactly(
                        new RecordedMatch(Match.tie("Analyst", "Critic"), T0),
                        new RecordedMatch(Match.win("Analyst", "Builder"), T0),
                        new RecordedMatch(Match.win("Critic", "Builder"), T0),
                        new RecordedMatch(Match.win("Critic", "Analyst"), T0.plusSeconds(5)),
                        new RecordedMatch(Match.win("Builder", "Analyst"), T0.plusSeconds(5)),
                        new RecordedMatch(Match.win("Builder", "Critic"), T0.plusSeconds(5)));
        assertThat(ratings.categories()).containsExactly(RatedDebate.OVERALL);
        assertThat(ratings.matches("no-such-category")).isEmpty();
    }

    private static RatingEntry entry(String persona, int rank, double bt, int matches) {
        return new RatingEntry(persona, "", 1500 + bt / 10, bt, bt - 50, bt + 50, rank, matches, 0.5, 0.3, 0.7, T0);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aBoardIsReplacedWholeAndNeverByAnOlderComputation(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        RatingStore ratings = stores.ratings();

        assertThat(ratings.replaceBoard("", List.of(entry("A", 1, 1600, 20), entry("B", 2, 1400, 3)), 5))
                .isTrue();
        assertThat(ratings.replaceBoard("", List.of(entry("Old", 1, 1500, 1)), 4))
                .isFalse();
        assertThat(ratings.boardThrough("")).isEqualTo(5);
        assertThat(ratings.board("", 0, 10)).extracting(RatingEntry::persona).containsExactly("A", "B");
        assertThat(ratings.board("", 10, 10)).extracting(RatingEntry::persona).containsExactly("A");
        assertThat(ratings.board("", 0, 1)).extracting(RatingEntry::persona).containsExactly("A");
        assertThat(ratings.entry("", "B")).hasValue(entry("B", 2, 1400, 3));
        assertThat(ratings.entry("", "Old")).isEmpty();

        assertThat(ratings.replaceBoard("", List.of(entry("C", 1, 1550, 7)), 5)).isTrue(); // same record: allowed
        assertThat(ratings.board("", 0, 10)).extracting(RatingEntry::persona).containsExactly("C");
        assertThat(ratings.board("other", 0, 10)).isEmpty();
        assertThat(ratings.boardThrough("other")).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void statisticsAndHallOfFameSortFilterAndResistInjection(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        RatingStore ratings = stores.ratings();
        UserId alice = user(stores, "alice@example.com");
        RatedDebate clear = completed(stores, alice, "A question with a clear winner?", T0, 9, 4, 3);
        RatedDebate close = completed(stores, alice, "A question with a close call?", T0.plusSeconds(60), 6, 6.5, 2);
        ratings.record(clear);
        ratings.record(close);

        PersonaStats analyst = ratings.personaStats("Analyst").orElseThrow();
        assertThat(analyst.debates()).isEqualTo(2);
        assertThat(analyst.wins()).isEqualTo(1);
        assertThat(analyst.avgChampionScore()).isEqualTo(9.0);
        assertThat(analyst.avgScore()).isEqualTo(7.5);
        assertThat(ratings.personaStats("Builder").orElseThrow().avgChampionScore())
                .isNull();
        assertThat(ratings.personaStats(10))
                .extracting(PersonaStats::persona)
                .containsExactly("Analyst", "Critic", "Builder");
        assertThat(ratings.personaStats(1)).hasSize(1);

        List<RatingStore.PersonaDebate> critic = ratings.debatesOf("Critic", 10);
        assertThat(critic).extracting(RatingStore.PersonaDebate::id).containsExactly(close.debate(), clear.debate());
        assertThat(critic.get(0).champion()).isTrue();
        assertThat(critic.get(0).owner()).hasValue(alice);
        assertThat(critic.get(0).prompt()).isEqualTo("A question with a close call?");

        assertThat(fame(ratings, RatingStore.HallOfFameSort.TOP, null, null, null))
                .containsExactly(clear.debate(), close.debate());
        assertThat(fame(ratings, RatingStore.HallOfFameSort.RECENT, null, null, null))
                .containsExactly(close.debate(), clear.debate());
        assertThat(fame(ratings, RatingStore.HallOfFameSort.CLOSEST, null, null, null))
                .containsExactly(close.debate(), clear.debate());
        assertThat(fame(ratings, RatingStore.HallOfFameSort.TOP, "crit", null, null))
                .containsExactly(close.debate());
        assertThat(fame(ratings, RatingStore.HallOfFameSort.TOP, null, T0.plusSeconds(30), null))
                .containsExactly(close.debate());
        assertThat(fame(ratings, RatingStore.HallOfFameSort.TOP, null, null, T0.plusSeconds(30)))
                .containsExactly(clear.debate());
        for (String raw : InjectionStringsContractTest.ATTACKS) {
            String attack = raw.replace("\u0000", ""); // control characters are refused before any store call
            assertThat(fame(ratings, RatingStore.HallOfFameSort.TOP, attack, null, null))
                    .isEmpty();
            assertThat(ratings.personaStats(attack)).isEmpty();
            assertThat(ratings.entry(attack, attack)).isEmpty();
        }
        assertThat(ratings.debatesOf("Analyst", 10)).hasSize(2);
    }

    private static List<DebateId> fame(
            RatingStore ratings, RatingStore.HallOfFameSort sort, String contains, Instant from, Instant to) {
        return ratings.hallOfFame(new RatingStore.HallOfFameQuery(sort, 10, contains, from, to)).stream()
                .map(RatingStore.RatedDebateRow::id)
                .toList();
    }
}
