package com.consultaion.domain.rating;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.RankingResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RatedDebateTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static Debate debate(String prompt) {
        return Debate.create(
                        DebateId.random(),
                        new UserId(UUID.randomUUID()),
                        new Prompt(prompt),
                        DebateMode.DEBATE,
                        DebateConfig.defaults("local"),
                        NOW)
                .start(NOW);
    }

    private static RankingResult ranking(Double analyst, Double critic, Double builder) {
        return new RankingResult(
                RankingResult.METHOD,
                List.of(
                        new RankedCandidate("Analyst", 1, analyst, 4, 2, 2),
                        new RankedCandidate("Critic", 2, critic, 2, 1, 2),
                        new RankedCandidate("Builder", 3, builder, 0, 0, 2)));
    }

    @Test
    void everyScoredPairBecomesAMatchTheHigherScoreWinning() {
        Debate done = debate("Should a city ban cars from its centre?").complete("answer", NOW);
        RatedDebate rated =
                RatedDebate.of(done, ranking(8.5, 8.5, 6.0), "", NOW).orElseThrow();
        assertThat(rated.matches())
                .containsExactly(
                        Match.tie("Analyst", "Critic"),
                        Match.win("Analyst", "Builder"),
                        Match.win("Critic", "Builder"));
        assertThat(rated.champion().score()).isEqualTo(8.5);
        assertThat(rated.runnerUpScore()).isEqualTo(8.5);
        assertThat(rated.owner()).isEqualTo(done.ownerId());
    }

    @Test
    void unscoredPersonasAndUnfinishedDebatesContributeNothing() {
        Debate done = debate("Should a city ban cars from its centre?").complete("answer", NOW);
        assertThat(RatedDebate.of(done, ranking(7.0, null, 6.0), "", NOW)
                        .orElseThrow()
                        .matches())
                .containsExactly(Match.win("Analyst", "Builder"));
        assertThat(RatedDebate.of(done, ranking(7.0, null, null), "", NOW)).isEmpty();
        Debate failed = debate("Should a city ban cars from its centre?").fail("x", "y", NOW);
        assertThat(RatedDebate.of(failed, ranking(7.0, 6.0, 5.0), "", NOW)).isEmpty();
    }

    @Test
    void theFingerprintIgnoresCaseSpacingAndPunctuationButNotWords() {
        String base = RatedDebate.fingerprint("Should a city ban cars from its centre?");
        assertThat(RatedDebate.fingerprint("  SHOULD a city   ban cars, from its centre!!"))
                .isEqualTo(base);
        assertThat(RatedDebate.fingerprint("Should a town ban cars from its centre?"))
                .isNotEqualTo(base);
        assertThat(base).hasSize(64).matches("[0-9a-f]+");
    }
}
