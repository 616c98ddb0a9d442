package com.consultaion.adapter.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.TokenSink;
import com.consultaion.application.service.pipeline.Prompts;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.judging.Anonymiser;
import com.consultaion.domain.judging.JudgeReplyParser;
import com.consultaion.domain.judging.JudgeVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class LocalChatModelTest {

    private final LocalChatModel model = new LocalChatModel();
    private static final String QUESTION = "Should our hospital replace paper charts with electronic records?";
    private static final AgentSpec ANALYST = new AgentSpec("Analyst", "A systems thinker.", "local");
    private static final AgentSpec CRITIC = new AgentSpec("Critic", "An adversarial reviewer of risk.", "local");
    private static final JudgeSpec JUDGE = new JudgeSpec("JudgeAlpha", "local", JudgeSpec.DEFAULT_RUBRIC);

    private ChatResponse call(ChatRequest request) {
        return model.complete(request).join();
    }

    @Test
    void everyAnswerIsLabelledLocalAndDeterministic() {
        ChatResponse first = call(Prompts.draft(ANALYST, QUESTION));
        ChatResponse second = call(Prompts.draft(ANALYST, QUESTION));

        assertThat(first).isEqualTo(second);
        assertThat(first.provider()).isEqualTo("local");
        assertThat(first.usage().estimated()).isTrue();
        assertThat(first.usage().costUsd()).isZero();
    }

    @Test
    void draftsReflectThePromptAndTheSpeakersRole() {
        String analyst = call(Prompts.draft(ANALYST, QUESTION)).content();
        String critic = call(Prompts.draft(CRITIC, QUESTION)).content();

        assertThat(analyst).containsIgnoringCase("hospital").isNotEqualTo(critic);
        assertThat(critic).containsIgnoringCase("risk");
    }

    @Test
    void revisionsDifferFromDrafts() {
        String draft = call(Prompts.draft(ANALYST, QUESTION)).content();
        String peer = call(Prompts.draft(CRITIC, QUESTION)).content();
        String revision = call(Prompts.critique(
                        ANALYST,
                        QUESTION,
                        draft,
                        List.of(new Anonymiser.Labelled("A", "Critic")),
                        Map.of("Critic", peer)))
                .content();

        assertThat(revision).isNotEqualTo(draft).startsWith("Revised after reading 1 peer answer");
    }

    @Test
    void judgeRepliesAreValidJsonWhoseScoresDependOnTheCandidate() {
        Set<Double> scores = new HashSet<>();
        for (String candidate : List.of(
                call(Prompts.draft(ANALYST, QUESTION)).content(),
                call(Prompts.draft(CRITIC, QUESTION)).content(),
                "Yes.",
                "1. Plan the migration. 2. Train staff. 3. Measure errors before and after; evidence from other "
                        + "hospitals shows the risk of downtime must be planned for.")) {
            String reply = call(Prompts.judge(JUDGE, QUESTION, "A", candidate)).content();
            JudgeVerdict verdict = JudgeReplyParser.parse(reply, JUDGE.criteria());
            assertThat(verdict).as(reply).isInstanceOf(JudgeVerdict.Parsed.class);
            scores.add(((JudgeVerdict.Parsed) verdict).score());
        }
        assertThat(scores).hasSizeGreaterThan(1);
    }

    /**
     * The calls of one stage (same question, other personas) fail each on its own: over many questions some stages
     * lose some agents and keep others, and the same seed fails the same calls again.
     */
    @Test
    void eachCallOfAStageFailsIndependentlyAndTheSameSeedFailsTheSameCalls() {
        List<AgentSpec> agents = List.of(
                new AgentSpec("Analyst", "analyst", "local"),
                new AgentSpec("Critic", "critic", "local"),
                new AgentSpec("Builder", "builder", "local"));
        LocalChatModel flaky = new LocalChatModel(new LocalChatModel.Settings(Duration.ZERO, 0.5, 7));
        LocalChatModel again = new LocalChatModel(new LocalChatModel.Settings(Duration.ZERO, 0.5, 7));
        LocalChatModel otherSeed = new LocalChatModel(new LocalChatModel.Settings(Duration.ZERO, 0.5, 8));
        int partial = 0;
        List<Boolean> first = new ArrayList<>();
        List<Boolean> second = new ArrayList<>();
        List<Boolean> third = new ArrayList<>();
        for (int q = 0; q < 50; q++) {
            int failed = 0;
            for (AgentSpec agent : agents) {
                ChatRequest draft = Prompts.draft(agent, QUESTION + " #" + q);
                boolean fails = flaky.complete(draft).isCompletedExceptionally();
                failed += fails ? 1 : 0;
                first.add(fails);
                second.add(again.complete(draft).isCompletedExceptionally());
                third.add(otherSeed.complete(draft).isCompletedExceptionally());
            }
            partial += failed > 0 && failed < agents.size() ? 1 : 0;
        }
        assertThat(partial).isGreaterThan(20); // 3 in 4 stages at a 50 % rate
        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
    }

    @Test
    void aFailureRateMakesSomeCallsFailDeterministicallyWithAClearReason() {
        LocalChatModel flaky = new LocalChatModel(new LocalChatModel.Settings(Duration.ZERO, 0.5));
        int failures = 0;
        for (int i = 0; i < 200; i++) {
            CompletableFuture<ChatResponse> f = flaky.complete(Prompts.draft(ANALYST, QUESTION + " #" + i));
            if (f.isCompletedExceptionally()) {
                failures++;
                assertThatThrownBy(f::get)
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(ChatModelException.class)
                        .hasMessageContaining("local/local: simulated failure");
            }
        }
        assertThat(failures).isBetween(60, 140);
    }

    @Test
    void simulatedLatencyDelaysTheAnswerAndCanBeCancelled() {
        LocalChatModel slow = new LocalChatModel(new LocalChatModel.Settings(Duration.ofSeconds(30), 0));
        CompletableFuture<ChatResponse> f = slow.complete(Prompts.draft(ANALYST, QUESTION));

        assertThat(f).isNotDone();
        f.cancel(true);
        assertThat(f).isCancelled();
    }

    @Test
    void withALatencyTheAnswerStreamsInPiecesSpreadOverIt() throws Exception {
        LocalChatModel model = new LocalChatModel(new LocalChatModel.Settings(Duration.ofMillis(300), 0));
        List<String> pieces = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        ChatResponse r = model.complete(
                        Prompts.draft(new AgentSpec("Analyst", "A careful analyst.", "local"), "Should we build it?"),
                        new TokenSink() {
                            @Override
                            public void text(String delta) {
                                pieces.add(delta);
                                at.add(System.nanoTime() - started);
                            }

                            @Override
                            public void restart() {
                                pieces.add("<restart>");
                            }
                        })
                .get();
        long answered = System.nanoTime() - started;

        assertThat(pieces).hasSizeBetween(2, LocalChatModel.MAX_PIECES);
        assertThat(String.join("", pieces)).isEqualTo(r.content());
        assertThat(at.get(0)).isLessThan(answered); // the first piece comes well before the answer
        assertThat(at).isSorted();
        // Without a latency nothing streams: the answer is there at once.
        List<String> none = new ArrayList<>();
        new LocalChatModel()
                .complete(
                        Prompts.draft(new AgentSpec("Analyst", "x", "local"), "Should we build it?"), new TokenSink() {
                            @Override
                            public void text(String delta) {
                                none.add(delta);
                            }

                            @Override
                            public void restart() {}
                        })
                .get();
        assertThat(none).isEmpty();
    }

    @Test
    void piecesJoinBackIntoTheTextExactly() {
        for (String text :
                List.of("", "one", "a b", "  leading and trailing  ", "x ".repeat(500), "line\nbreaks\n\nhere")) {
            assertThat(String.join("", LocalChatModel.pieces(text))).isEqualTo(text);
            assertThat(LocalChatModel.pieces(text)).hasSizeLessThanOrEqualTo(LocalChatModel.MAX_PIECES);
        }
    }
}
