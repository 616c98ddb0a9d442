package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.Fixtures;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TranscriptRepository contract, run against the in-memory and the PostgreSQL adapter. */
class TranscriptRepositoryContractTest {

    private static Debate stored(PersistenceStores stores) {
        Debate debate = Fixtures.debate();
        stores.debates().insert(debate);
        return debate;
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void contributionsReadBackInStageAndInsertionOrderIncludingFailures(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = stored(stores);
        TranscriptRepository repo = stores.transcripts();
        Contribution failed = Contribution.failed(
                0,
                1,
                Phase.DRAFT,
                "Critic",
                "gpt-x",
                "openai",
                "openai/gpt-x HTTP 500: upstream error",
                Usage.NONE,
                T0);

        repo.addContributions(debate.id(), List.of(Fixtures.answer(0, "Analyst", "draft A"), failed));
        repo.addContributions(debate.id(), List.of(Fixtures.answer(1, "Analyst", "revised A")));

        assertThat(repo.contributions(debate.id()))
                .containsExactly(
                        Fixtures.answer(0, "Analyst", "draft A"), failed, Fixtures.answer(1, "Analyst", "revised A"));
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void theSameAgentCannotContributeTwiceInOneStage(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = stored(stores);
        stores.transcripts().addContributions(debate.id(), List.of(Fixtures.answer(0, "Analyst", "draft")));

        assertThatThrownBy(() -> stores.transcripts()
                        .addContributions(debate.id(), List.of(Fixtures.answer(0, "Analyst", "again"))))
                .isInstanceOf(TranscriptRepository.DuplicateException.class);
        assertThat(stores.transcripts().contributions(debate.id())).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void parsedAndUnparseableVerdictsReadBackWithRawTextAndLabels(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = stored(stores);
        Map<String, Double> criteria = new LinkedHashMap<>();
        criteria.put("accuracy", 8.0);
        criteria.put("risk", 6.5);
        Verdict parsed = new Verdict(
                "JudgeAlpha",
                "Analyst",
                "B",
                "local",
                new JudgeVerdict.Parsed(criteria, "solid"),
                "{\"scores\":...}",
                new Usage(5, 6, 0, true),
                T0);
        Verdict prose = new Verdict(
                "JudgeBeta",
                "Analyst",
                "A",
                "local",
                new JudgeVerdict.Unparseable("not JSON: unexpected character 'I' at offset 0"),
                "I think it is good",
                Usage.NONE,
                T0);

        stores.transcripts().addVerdicts(debate.id(), List.of(parsed, prose));

        assertThat(stores.transcripts().verdicts(debate.id())).containsExactly(parsed, prose);
        assertThatThrownBy(() -> stores.transcripts().addVerdicts(debate.id(), List.of(parsed)))
                .isInstanceOf(TranscriptRepository.DuplicateException.class);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aRankingIsStoredOnce(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = stored(stores);
        RankingResult ranking = new RankingResult(
                RankingResult.METHOD,
                List.of(
                        new RankedCandidate("Builder", 1, 7.5, 2.0, 2.0, 2),
                        new RankedCandidate("Analyst", 2, 6.25, 1.0, 1.0, 2),
                        new RankedCandidate("Critic", 3, null, 0.0, 0.0, 0)));

        stores.transcripts().saveRanking(debate.id(), ranking);

        assertThat(stores.transcripts().ranking(debate.id())).hasValue(ranking);
        assertThatThrownBy(() -> stores.transcripts().saveRanking(debate.id(), ranking))
                .isInstanceOf(TranscriptRepository.DuplicateException.class);
    }
}
