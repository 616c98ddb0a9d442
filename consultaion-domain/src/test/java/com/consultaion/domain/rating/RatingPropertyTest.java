package com.consultaion.domain.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.consultaion.domain.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RatingPropertyTest {

    private static final String[] PERSONAS = {"Analyst", "Critic", "Builder", "Skeptic", "Poet"};

    private static List<Match> randomMatches(SplittableRandom random, int count) {
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(PERSONAS.length);
            int b = (a + 1 + random.nextInt(PERSONAS.length - 1)) % PERSONAS.length;
            double score = new double[] {0, 0.5, 1}[random.nextInt(3)];
            matches.add(new Match(PERSONAS[a], PERSONAS[b], score));
        }
        return matches;
    }

    @Test
    void addingAWinNeverLowersTheWinnersElo() {
        Property.forAll(11, 500, random -> {
            List<Match> before = randomMatches(random, random.nextInt(1, 60));
            Match win = Match.win(PERSONAS[0], PERSONAS[1 + random.nextInt(PERSONAS.length - 1)]);
            List<Match> after = new ArrayList<>(before);
            after.add(win);
            double old = Elo.replay(before)
                    .getOrDefault(win.a(), new Elo.Standing(Elo.START, 0, 0))
                    .rating();
            assertThat(Elo.replay(after).get(win.a()).rating()).isGreaterThan(old);
        });
    }

    @Test
    void addingAWinNeverLowersTheWinnersBradleyTerryRating() {
        Property.forAll(12, 300, random -> {
            List<Match> before = randomMatches(random, random.nextInt(1, 60));
            Match win = Match.win(before.get(0).a(), before.get(0).b());
            List<Match> after = new ArrayList<>(before);
            after.add(random.nextInt(after.size() + 1), win);
            double old = BradleyTerry.fit(before, BradleyTerry.DEFAULT_PRIOR).get(win.a());
            assertThat(BradleyTerry.fit(after, BradleyTerry.DEFAULT_PRIOR).get(win.a()))
                    .isGreaterThanOrEqualTo(old - 1e-9);
        });
    }

    @Test
    void bradleyTerryDoesNotDependOnTheOrderOfDebates() {
        Property.forAll(13, 300, random -> {
            List<Match> matches = randomMatches(random, random.nextInt(1, 80));
            List<Match> shuffled = new ArrayList<>(matches);
            Collections.shuffle(shuffled, new Random(random.nextLong()));
            Map<String, Double> a = BradleyTerry.fit(matches, BradleyTerry.DEFAULT_PRIOR);
            Map<String, Double> b = BradleyTerry.fit(shuffled, BradleyTerry.DEFAULT_PRIOR);
            assertThat(b.keySet()).isEqualTo(a.keySet());
            a.forEach((persona, rating) -> assertThat(b.get(persona)).isCloseTo(rating, within(1e-9)));
        });
    }

    @Test
    void bradleyTerryRatingsAverageToTheAnchor() {
        Property.forAll(14, 200, random -> {
            Map<String, Double> fit = BradleyTerry.fit(randomMatches(random, random.nextInt(1, 80)), 1.0);
            assertThat(fit.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElseThrow())
                    .isCloseTo(BradleyTerry.ANCHOR, within(1e-9));
        });
    }
}
