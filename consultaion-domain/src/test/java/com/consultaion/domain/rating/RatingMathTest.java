package com.consultaion.domain.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Elo, Wilson and Bradley–Terry against values checked by hand and by an independent computation.
 *
 * <p>The expected numbers were computed outside this code base, in double precision: Elo by applying the formula
 * match by match; Bradley–Terry twice, by Newton's method on the log-likelihood and by Hunter's MM algorithm
 * iterated 20,000 times (the two agree to every digit given). Where a closed form exists it is given.
 */
class RatingMathTest {

    private static final double EPS = 1e-6;

    /** A beats B; B and C tie; C beats A; A beats C. */
    private static final List<Match> SMALL =
            List.of(Match.win("A", "B"), Match.tie("B", "C"), Match.win("C", "A"), Match.win("A", "C"));

    /**
     * Three personas, ten matches: A–B 2 wins to 1 plus a tie, B–C 2:1, A–C 2:1. Points: A 4.5 of 7, B 3.5 of 7,
     * C 2 of 6.
     */
    private static final List<Match> THREE = List.of(
            Match.win("A", "B"),
            Match.win("A", "B"),
            Match.win("B", "A"),
            Match.win("B", "C"),
            Match.win("B", "C"),
            Match.win("C", "B"),
            Match.win("C", "A"),
            Match.win("A", "C"),
            Match.win("A", "C"),
            Match.tie("A", "B"));

    @Test
    void eloReplaysTheSmallDataSet() {
        Map<String, Elo.Standing> table = Elo.replay(SMALL);
        // Match 1 by hand: both expect 0.5, K = 32, so A = 1500 + 16 and B = 1500 - 16.
        assertThat(Elo.replay(SMALL.subList(0, 1)).get("A").rating()).isCloseTo(1516.0, within(EPS));
        assertThat(Elo.replay(SMALL.subList(0, 1)).get("B").rating()).isCloseTo(1484.0, within(EPS));
        assertThat(table.get("A").rating()).isCloseTo(1516.003108887578, within(EPS));
        assertThat(table.get("B").rating()).isCloseTo(1484.736306793522, within(EPS));
        assertThat(table.get("C").rating()).isCloseTo(1499.2605843188999, within(EPS));
        assertThat(table.get("A").matches()).isEqualTo(3);
        assertThat(table.get("B").points()).isEqualTo(0.5);
    }

    @Test
    void eloUsesK32ForTheFirstFifteenMatchesThen24() {
        // X and Y play 17 times; Y wins every third match starting with the first (matches 1, 4, ..., 16).
        List<Match> matches = IntStream.range(0, 17)
                .mapToObj(i -> i % 3 == 0 ? Match.win("Y", "X") : Match.win("X", "Y"))
                .toList();
        Map<String, Elo.Standing> table = Elo.replay(matches);
        assertThat(table.get("X").rating()).isCloseTo(1546.9029680060087, within(EPS));
        assertThat(table.get("Y").rating()).isCloseTo(1453.0970319939913, within(EPS));
        // Elo is zero-sum here because both sides always have the same K.
        assertThat(table.get("X").rating() + table.get("Y").rating()).isCloseTo(3000.0, within(EPS));
    }

    @Test
    void wilsonIntervalMatchesTheFormula() {
        // 7 wins in 10: centre (0.7 + 1.96²/20) / (1 + 1.96²/10), half-width 1.96·sqrt(0.021 + 1.96²/400) / (1.38416).
        Wilson.Interval i = Wilson.interval(7, 10);
        assertThat(i.low()).isCloseTo(0.39677321998, within(EPS));
        assertThat(i.high()).isCloseTo(0.89221071251, within(EPS));
        assertThat(Wilson.interval(0, 0)).isEqualTo(new Wilson.Interval(0, 1));
        assertThat(Wilson.interval(5, 5).high()).isEqualTo(1.0);
    }

    @Test
    void bradleyTerryWithoutPriorMatchesTheClosedFormForTwoPersonas() {
        // A beats B 3 times, B beats A once: p_A / p_B = 3, so A - B = 400·log10(3) around a mean of 1500.
        List<Match> two = List.of(Match.win("A", "B"), Match.win("A", "B"), Match.win("A", "B"), Match.win("B", "A"));
        Map<String, Double> fit = BradleyTerry.fit(two, 0);
        assertThat(fit.get("A"))
                .isCloseTo(1500 + 200 * Math.log10(3), within(EPS))
                .isCloseTo(1595.4242509439325, within(EPS));
        assertThat(fit.get("B")).isCloseTo(1404.5757490560675, within(EPS));
        // With one virtual tie each against the 1500 reference (Newton reference).
        Map<String, Double> withPrior = BradleyTerry.fit(two, 1.0);
        assertThat(withPrior.get("A")).isCloseTo(1582.4192690283858, within(EPS));
        assertThat(withPrior.get("B")).isCloseTo(1417.5807309716142, within(EPS));
    }

    @Test
    void bradleyTerryMatchesTheNewtonReferenceOnThreePersonas() {
        Map<String, Double> mle = BradleyTerry.fit(THREE, 0);
        assertThat(mle.get("A")).isCloseTo(1573.379551163248, within(EPS));
        assertThat(mle.get("B")).isCloseTo(1507.5886149811374, within(EPS));
        assertThat(mle.get("C")).isCloseTo(1419.0318338556147, within(EPS));
        Map<String, Double> map = BradleyTerry.fit(THREE, 1.0);
        assertThat(map.get("A")).isCloseTo(1565.874755927861, within(EPS));
        assertThat(map.get("B")).isCloseTo(1506.136714246637, within(EPS));
        assertThat(map.get("C")).isCloseTo(1427.988529825502, within(EPS));
    }

    @Test
    void thePriorKeepsAnUndefeatedPersonaFinite() {
        List<Match> undefeated = List.of(Match.win("A", "B"), Match.win("A", "C"), Match.win("B", "C"));
        assertThatThrownBy(() -> BradleyTerry.fit(undefeated, 0)).isInstanceOf(IllegalArgumentException.class);
        Map<String, Double> fit = BradleyTerry.fit(undefeated, 1.0);
        assertThat(fit.get("A")).isCloseTo(1724.8902966695468, within(EPS));
        assertThat(fit.get("B")).isCloseTo(1500.0, within(EPS));
        assertThat(fit.get("C")).isCloseTo(1275.1097033304532, within(EPS));
    }

    @Test
    void bootstrapIntervalsContainTheFitAreReproducibleAndIndependentOfOrder() {
        List<Match> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.addAll(THREE);
        }
        Map<String, BradleyTerry.Estimate> first = BradleyTerry.withIntervals(many, 1.0, 200, 42);
        List<Match> reversed = new ArrayList<>(many);
        Collections.reverse(reversed);
        assertThat(BradleyTerry.withIntervals(reversed, 1.0, 200, 42)).isEqualTo(first);
        first.values().forEach(e -> assertThat(e.low()).isLessThanOrEqualTo(e.rating()));
        first.values().forEach(e -> assertThat(e.high()).isGreaterThanOrEqualTo(e.rating()));
        assertThat(BradleyTerry.quantile(new double[] {1, 2, 3, 4, 5}, 0.25)).isEqualTo(2.0);
        assertThat(BradleyTerry.quantile(new double[] {1, 2}, 0.975)).isCloseTo(1.975, within(1e-12));
    }

    @Test
    void theBoardRanksByIntervalsAndBadgesNewcomers() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<RecordedMatch> recorded = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            recorded.add(new RecordedMatch(Match.win("Strong", "Weak"), t.plusSeconds(i)));
        }
        recorded.add(new RecordedMatch(Match.tie("Weak", "Fresh"), t.plusSeconds(100)));
        List<RatingEntry> board = Leaderboard.compute("", recorded, new Leaderboard.Settings(300, 7, 1.0));
        assertThat(board).extracting(RatingEntry::persona).containsExactly("Strong", "Fresh", "Weak");
        RatingEntry strong = board.get(0);
        assertThat(strong.rank()).isEqualTo(1);
        assertThat(strong.matches()).isEqualTo(30);
        assertThat(strong.winRate()).isEqualTo(1.0);
        assertThat(strong.badge()).isEmpty();
        assertThat(strong.lastUpdated()).isEqualTo(t.plusSeconds(29));
        assertThat(board.get(2).rank()).isGreaterThan(1); // Weak's interval lies wholly below Strong's
        assertThat(board.get(1).badge()).contains("NEW");
        assertThat(Leaderboard.compute("", recorded, new Leaderboard.Settings(300, 7, 1.0)))
                .isEqualTo(board);
        assertThat(Leaderboard.compute("", List.of(), Leaderboard.Settings.DEFAULT))
                .isEmpty();
    }
}
