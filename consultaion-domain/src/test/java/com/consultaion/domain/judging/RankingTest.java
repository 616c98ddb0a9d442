package com.consultaion.domain.judging;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.Property;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Aggregation;
import com.consultaion.domain.debate.JudgeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RankingTest {

    private static List<String> candidates(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add("c" + i);
        }
        return list;
    }

    private static Map<String, Map<String, Double>> randomBallots(SplittableRandom random, List<String> candidates) {
        Map<String, Map<String, Double>> ballots = new LinkedHashMap<>();
        int judges = random.nextInt(1, 6);
        for (int j = 0; j < judges; j++) {
            Map<String, Double> ballot = new LinkedHashMap<>();
            for (String c : candidates) {
                if (random.nextInt(5) > 0) {
                    ballot.put(c, (double) random.nextInt(0, 21) / 2); // 0, 0.5 … 10: ties are common
                }
            }
            ballots.put("j" + j, ballot);
        }
        return ballots;
    }

    @Test
    void aCandidateEveryJudgeScoresHighestRanksFirst() {
        Property.forAll(3, 2000, random -> {
            List<String> candidates = candidates(random.nextInt(2, 9));
            String favourite = candidates.get(random.nextInt(candidates.size()));
            Map<String, Map<String, Double>> ballots = new LinkedHashMap<>();
            int judges = random.nextInt(1, 6);
            for (int j = 0; j < judges; j++) {
                Map<String, Double> ballot = new LinkedHashMap<>();
                for (String c : candidates) {
                    ballot.put(c, c.equals(favourite) ? 9.5 + random.nextDouble() * 0.5 : random.nextDouble() * 9.4);
                }
                ballots.put("j" + j, ballot);
            }

            RankingResult result = Ranking.rank(candidates, ballots, Aggregation.MEAN);

            assertThat(result.order().get(0)).isEqualTo(favourite);
        });
    }

    @Test
    void theOrderOfTheJudgesDoesNotChangeTheResult() {
        Property.forAll(5, 2000, random -> {
            List<String> candidates = candidates(random.nextInt(2, 9));
            Map<String, Map<String, Double>> ballots = randomBallots(random, candidates);
            List<String> judges = new ArrayList<>(ballots.keySet());
            Collections.shuffle(judges, new Random(random.nextLong()));
            Map<String, Map<String, Double>> permuted = new LinkedHashMap<>();
            judges.forEach(j -> permuted.put(j, ballots.get(j)));

            assertThat(Ranking.rank(candidates, permuted, Aggregation.MEAN))
                    .isEqualTo(Ranking.rank(candidates, ballots, Aggregation.MEAN));
        });
    }

    @Test
    void ranksAreOneToNAndUnscoredCandidatesComeLast() {
        Property.forAll(9, 2000, random -> {
            List<String> candidates = candidates(random.nextInt(1, 9));
            RankingResult result = Ranking.rank(candidates, randomBallots(random, candidates), Aggregation.MEDIAN);

            assertThat(result.ranking())
                    .extracting(RankedCandidate::rank)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, candidates.size()).boxed().toList());
            assertThat(result.order()).containsExactlyInAnyOrderElementsOf(candidates);
            boolean seenUnscored = false;
            for (RankedCandidate r : result.ranking()) {
                if (r.score() == null) {
                    seenUnscored = true;
                } else {
                    assertThat(seenUnscored)
                            .as("a scored candidate after an unscored one")
                            .isFalse();
                }
            }
        });
    }

    /**
     * Worked by hand. j1 scores all three (b and c tie), j2 skips c, j3 scores only c (a ballot of one
     * candidate gives no Borda points). Borda, per ballot, is the share of the other candidates beaten
     * (a tie is half) scaled to n - 1 = 2, averaged over the ballots that scored the candidate:
     * a (2 + 0) / 2 = 1, b (0.5 + 2) / 2 = 1.25, c (0.5 + nothing) / 2 = 0.25. Condorcet: a–b split one
     * ballot each (half a point each), a beats c on the only ballot with both, b–c tie (half each):
     * a 1.5, b 1, c 0.5. Order by Borda + Condorcet: a 2.5, b 2.25, c 0.75.
     */
    @Test
    void bordaAndCondorcetPointsMatchAHandWorkedExample() {
        Map<String, Map<String, Double>> ballots = new LinkedHashMap<>();
        ballots.put("j1", Map.of("a", 9.0, "b", 7.0, "c", 7.0));
        ballots.put("j2", Map.of("a", 6.0, "b", 8.0));
        ballots.put("j3", Map.of("c", 10.0));

        RankingResult result = Ranking.rank(List.of("a", "b", "c"), ballots, Aggregation.MEAN);

        assertThat(result.ranking())
                .containsExactly(
                        new RankedCandidate("a", 1, 7.5, 1.0, 1.5, 2),
                        new RankedCandidate("b", 2, 7.5, 1.25, 1.0, 2),
                        new RankedCandidate("c", 3, 8.5, 0.25, 0.5, 2));
    }

    @Test
    void exactTiesFallBackToTheConfiguredOrder() {
        Map<String, Map<String, Double>> ballots = Map.of("j", Map.of("a", 5.0, "b", 5.0, "c", 5.0));

        assertThat(Ranking.rank(List.of("b", "c", "a"), ballots, Aggregation.MEAN)
                        .order())
                .containsExactly("b", "c", "a");
    }

    @Test
    void aggregationIsTheMeanOrTheMedianOfTheJudgesScores() {
        assertThat(Ranking.aggregate(List.of(2.0, 9.0, 4.0), Aggregation.MEAN)).isEqualTo(5.0);
        assertThat(Ranking.aggregate(List.of(2.0, 9.0, 4.0), Aggregation.MEDIAN))
                .isEqualTo(4.0);
        assertThat(Ranking.aggregate(List.of(2.0, 9.0, 4.0, 6.0), Aggregation.MEDIAN))
                .isEqualTo(5.0);
        assertThat(Ranking.aggregate(List.of(), Aggregation.MEAN)).isNull();
    }

    @Test
    void aJudgeNeverScoresItsOwnModelWhenAnotherJudgeCan() {
        List<AgentSpec> agents = List.of(
                new AgentSpec("A", "", "gpt"), new AgentSpec("B", "", "claude"), new AgentSpec("C", "", "mistral"));
        List<JudgeSpec> judges = List.of(new JudgeSpec("J1", "gpt", null), new JudgeSpec("J2", "claude", null));

        Map<String, List<String>> plan = JudgingPlan.assign(judges, agents);

        assertThat(plan.get("J1")).containsExactly("B", "C");
        assertThat(plan.get("J2")).containsExactly("A", "C");
    }

    @Test
    void whenEveryJudgeSharesTheCandidatesModelTheyAllScoreIt() {
        List<AgentSpec> agents = List.of(new AgentSpec("A", "", "local"), new AgentSpec("B", "", "local"));
        List<JudgeSpec> judges = List.of(new JudgeSpec("J1", "local", null), new JudgeSpec("J2", "local", null));

        assertThat(JudgingPlan.assign(judges, agents))
                .containsEntry("J1", List.of("A", "B"))
                .containsEntry("J2", List.of("A", "B"));
    }
}
