package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Aggregation;
import com.consultaion.domain.debate.Budget;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.FailureTolerance;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The judged pipeline with models that fail, hang, or answer nonsense: each test asserts the exact events and
 * the final state a user would see.
 */
class PipelineBehaviourTest {

    static final String PROMPT = "Which database should a five-person startup choose?";
    static final Duration WAIT = Duration.ofSeconds(30);

    private Consultaion consultaion;

    @AfterEach
    void close() {
        if (consultaion != null) {
            consultaion.close();
        }
    }

    static DebateConfig config(Duration callTimeout, Duration deadline, Budget budget) {
        return new DebateConfig(
                List.of(
                        new AgentSpec("A", "first", "a"),
                        new AgentSpec("B", "second", "b"),
                        new AgentSpec("C", "third", "c")),
                List.of(
                        new JudgeSpec("J1", "j1", List.of("accuracy", "risk")),
                        new JudgeSpec("J2", "j2", List.of("accuracy", "risk"))),
                1,
                budget,
                FailureTolerance.DEFAULT,
                Aggregation.MEAN,
                List.of("s1", "s2"),
                callTimeout,
                deadline);
    }

    static DebateConfig config() {
        return config(Duration.ofSeconds(5), Duration.ofMinutes(1), Budget.DEFAULT);
    }

    private Debate run(ScriptedModel model, DebateConfig config) throws Exception {
        consultaion = Consultaion.builder()
                .chatModel(model)
                .stores(InMemoryStores.create())
                .build();
        Debate started = consultaion.start(PROMPT, config);
        return consultaion.await(started.id(), WAIT);
    }

    private List<DebateEvent> events(Debate debate) {
        return gapFreeEvents(consultaion, debate);
    }

    /** A finished debate's events, checked: numbered 1..n without gaps, exactly one terminal event, last. */
    static List<DebateEvent> gapFreeEvents(Consultaion consultaion, Debate debate) {
        List<DebateEvent> events = consultaion.events(debate.id(), 0);
        assertThat(events)
                .extracting(DebateEvent::seq)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).filteredOn(DebateEvent::terminal).hasSize(1);
        assertThat(events.get(events.size() - 1).terminal()).isTrue();
        return events;
    }

    static List<String> types(List<DebateEvent> events) {
        return events.stream().map(DebateEvent::type).toList();
    }

    @Test
    void aHealthyDebateEmitsEveryStageInOrderAndRanksByTheJudgesScores() throws Exception {
        Debate done = run(new ScriptedModel(), config());

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(done.finalContent()).hasValue("synthesis by s1");
        List<DebateEvent> events = events(done);
        assertThat(types(events))
                .containsExactly(
                        "debate_created",
                        "round_started",
                        "message",
                        "message",
                        "message",
                        "round_started",
                        "message",
                        "message",
                        "message",
                        "round_started",
                        "score",
                        "score",
                        "score",
                        "score",
                        "score",
                        "score",
                        "ranking",
                        "round_started",
                        "message",
                        "final");
        assertThat(events)
                .filteredOn(e -> e.payload() instanceof EventPayload.RankingDecided)
                .first()
                .extracting(e -> ((EventPayload.RankingDecided) e.payload()).ranking())
                .isEqualTo(List.of("A", "B", "C"));
    }

    @Test
    void anAgentThatThrowsIsRecordedWithProviderModelStatusAndReasonAndTheDebateGoesOn() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on(
                        ChatTask.DRAFT,
                        "b",
                        r -> CompletableFuture.failedFuture(new ChatModelException("acme", "b", 503, "overloaded")));

        Debate done = run(model, config());

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        List<DebateEvent> events = events(done);
        assertThat(events)
                .extracting(DebateEvent::payload)
                .contains(new EventPayload.AgentFailed("B", "b", "acme/b HTTP 503: overloaded"))
                .anySatisfy(p -> assertThat(p)
                        .isInstanceOfSatisfying(
                                EventPayload.Notice.class,
                                n -> assertThat(n.message()).startsWith("1 of 3 agents failed during drafting")));
        // B has no answer, so it is neither revised nor judged
        assertThat(model.callsOf(ChatTask.CRITIQUE)).isEqualTo(2);
        assertThat(model.callsOf(ChatTask.JUDGE)).isEqualTo(4);
    }

    @Test
    void whenTooManyAgentsFailTheDebateFailsWithQuorumLost() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on(ChatTask.DRAFT, "b", r -> CompletableFuture.failedFuture(new IllegalStateException("boom")))
                .on(
                        ChatTask.DRAFT,
                        "c",
                        r -> CompletableFuture.failedFuture(
                                new ChatModelException("acme", "c", null, "connection reset")));

        Debate done = run(model, config());

        assertThat(done.status()).isEqualTo(DebateStatus.FAILED);
        assertThat(done.reason()).hasValue("quorum_lost");
        assertThat(types(events(done)))
                .containsExactly(
                        "debate_created", "round_started", "message", "agent_failed", "agent_failed", "debate_failed");
        assertThat(model.callsOf(ChatTask.CRITIQUE)).isZero();
    }

    @Test
    void aJudgeThatAnswersProseIsExcludedAndReportedNeverGivenAMadeUpScore() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on(ChatTask.JUDGE, "j2", r -> ScriptedModel.answer(r, "I think candidate A is rather good."));

        Debate done = run(model, config());

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        List<DebateEvent> events = events(done);
        assertThat(events)
                .filteredOn(e -> e.type().equals("judge_unparseable"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(((EventPayload.JudgeUnparseable) e.payload()).judge())
                        .isEqualTo("J2"));
        assertThat(events).filteredOn(e -> e.type().equals("score")).hasSize(3);
        GetTranscriptQuery.Transcript transcript =
                consultaion.transcript(done.id()).orElseThrow();
        assertThat(transcript.verdicts())
                .filteredOn(v -> !v.parsed())
                .extracting(v -> v.rawText())
                .containsOnly("I think candidate A is rather good.");
        assertThat(transcript.ranking().orElseThrow().order()).containsExactly("A", "B", "C");
    }

    @Test
    void whenNoJudgeCanBeReadTheDebateCompletesWithWarnings() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on(ChatTask.JUDGE, "j1", r -> ScriptedModel.answer(r, "prose"))
                .on(ChatTask.JUDGE, "j2", r -> ScriptedModel.answer(r, "{\"scores\": {}}"));

        Debate done = run(model, config());

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED_WITH_WARNINGS);
        assertThat(done.reason()).hasValue("judging_failed");
        assertThat(done.finalContent()).hasValue("synthesis by s1");
    }

    @Test
    void aSynthesiserThatTimesOutIsReplacedByTheNextAndTheStreamSaysSo() throws Exception {
        ScriptedModel model = new ScriptedModel();
        model.on(ChatTask.SYNTHESIS, "s1", r -> model.hang());

        Debate done = run(model, config(Duration.ofSeconds(1), Duration.ofMinutes(1), Budget.DEFAULT));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(done.finalContent()).hasValue("synthesis by s2");
        assertThat(events(done))
                .extracting(DebateEvent::payload)
                .anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(EventPayload.Fallback.class, f -> {
                    assertThat(f.from()).isEqualTo("s1");
                    assertThat(f.to()).isEqualTo("s2");
                    assertThat(f.reason()).contains("scripted/s1").contains("no answer within");
                }));
        assertThat(model.hanging)
                .singleElement()
                .satisfies(f -> assertThat(f.isCancelled()).isTrue());
    }

    @Test
    void whenEverySynthesiserFailsTheBestRankedAnswerIsFinalWithWarnings() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on(
                        ChatTask.SYNTHESIS,
                        "s1",
                        r -> CompletableFuture.failedFuture(new ChatModelException("p", "s1", 500, "x")))
                .on(
                        ChatTask.SYNTHESIS,
                        "s2",
                        r -> CompletableFuture.failedFuture(new ChatModelException("p", "s2", 400, "y")));

        Debate done = run(model, config());

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED_WITH_WARNINGS);
        assertThat(done.reason()).hasValue("synthesis_failed");
        assertThat(done.finalContent()).hasValue("revision by a");
        List<DebateEvent> events = events(done);
        assertThat(types(events)).endsWith("round_started", "fallback", "notice", "final");
    }

    @Test
    void cancellingMidStageCancelsTheInFlightCallsAndEndsWithOneCancelledEvent() throws Exception {
        ScriptedModel model = new ScriptedModel();
        model.on(ChatTask.CRITIQUE, "c", r -> model.hang());
        consultaion = Consultaion.builder()
                .chatModel(model)
                .stores(InMemoryStores.create())
                .build();
        Debate started = consultaion.start(PROMPT, config());
        Awaitility.await().atMost(WAIT).until(() -> !model.hanging.isEmpty());

        consultaion.cancel(started.id());
        Debate done = consultaion.await(started.id(), WAIT);

        assertThat(done.status()).isEqualTo(DebateStatus.CANCELLED);
        assertThat(model.hanging.get(0).isCancelled()).isTrue();
        List<DebateEvent> events = events(done);
        assertThat(events.get(events.size() - 1).type()).isEqualTo("debate_cancelled");
        // the interrupted critique stage left no rows behind
        assertThat(consultaion.transcript(done.id()).orElseThrow().contributions())
                .hasSize(3);
    }

    @Test
    void cancellingAQueuedDebateEndsItAtOnce() throws Exception {
        consultaion = Consultaion.builder()
                .chatModel(new ScriptedModel())
                .stores(InMemoryStores.create())
                .startWorker(false)
                .build();
        Debate started = consultaion.start(PROMPT, config());

        Debate cancelled = consultaion.cancel(started.id()).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(DebateStatus.CANCELLED);
        assertThat(types(events(cancelled))).containsExactly("debate_created", "debate_cancelled");
    }

    @Test
    void whenTheBudgetCannotCoverTheNextStageTheDebateStopsWithTheBestAnswerSoFar() throws Exception {
        ScriptedModel model = new ScriptedModel();
        for (String m : List.of("a", "b", "c")) {
            model.on(
                    ChatTask.DRAFT,
                    m,
                    r -> CompletableFuture.completedFuture(
                            new ChatResponse("draft by " + m, m, "scripted", new Usage(9_000, 9_000, 0.01, false))));
        }

        Debate done = run(model, config(Duration.ofSeconds(5), Duration.ofMinutes(1), new Budget(55_000, 1.5)));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED_WITH_WARNINGS);
        assertThat(done.reason()).hasValue("budget_exhausted");
        assertThat(done.detail()).hasValueSatisfying(d -> assertThat(d).startsWith("stopped before critique-1"));
        assertThat(done.finalContent()).hasValue("draft by a");
        assertThat(model.callsOf(ChatTask.CRITIQUE)).isZero();
    }

    @Test
    void aDebatePastItsDeadlineFailsAtTheNextBoundary() throws Exception {
        ScriptedModel model = new ScriptedModel();
        for (String m : List.of("a", "b", "c")) {
            model.on(
                    ChatTask.DRAFT,
                    m,
                    r -> CompletableFuture.supplyAsync(
                                    () -> null, CompletableFuture.delayedExecutor(5_300, TimeUnit.MILLISECONDS))
                            .thenCompose(x -> ScriptedModel.answer(r, "late draft by " + m)));
        }

        Debate done = run(model, config(Duration.ofSeconds(10), Duration.ofSeconds(5), Budget.DEFAULT));

        assertThat(done.status()).isEqualTo(DebateStatus.FAILED);
        assertThat(done.reason()).hasValue("deadline_exceeded");
        assertThat(types(events(done))).containsExactly("debate_created", "debate_failed");
        assertThat(model.callsOf(ChatTask.CRITIQUE)).isZero();
    }

    @Test
    void aDebateHandedBackMidStageResumesElsewhereWithoutDuplicatingAnything() throws Exception {
        var stores = InMemoryStores.create();
        ScriptedModel stuck = new ScriptedModel();
        for (String m : List.of("a", "b", "c")) {
            stuck.on(ChatTask.CRITIQUE, m, r -> stuck.hang());
        }
        Consultaion first =
                Consultaion.builder().chatModel(stuck).stores(stores).build();
        Debate started = first.start(PROMPT, config());
        Awaitility.await().atMost(WAIT).until(() -> stuck.hanging.size() == 3);

        first.close(); // the node stops: it writes nothing more and hands the debate back
        consultaion = Consultaion.builder()
                .chatModel(new ScriptedModel())
                .stores(stores)
                .worker(new DebateWorker.Settings(
                        "second", 10, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(50)))
                .build();
        Debate done = consultaion.await(started.id(), WAIT);

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        GetTranscriptQuery.Transcript transcript =
                consultaion.transcript(done.id()).orElseThrow();
        assertThat(transcript.contributions()).hasSize(7);
        assertThat(transcript.contributions()).filteredOn(c -> c.stage() == 0).hasSize(3);
        List<DebateEvent> events = events(done);
        assertThat(events)
                .extracting(DebateEvent::payload)
                .anySatisfy(p -> assertThat(p)
                        .isInstanceOfSatisfying(
                                EventPayload.Notice.class,
                                n -> assertThat(n.message()).startsWith("resumed")));
        assertThat(events).filteredOn(e -> e.type().equals("message")).hasSize(7);
    }

    @Test
    void aFailedModelIsReplacedByAnotherOfItsTierAndTheFallbackIsReported() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on(
                        ChatTask.DRAFT,
                        "a",
                        r -> CompletableFuture.failedFuture(
                                new ChatModelException("scripted", "a", 503, "overloaded")));
        consultaion = Consultaion.builder()
                .chatModel(model)
                .stores(InMemoryStores.create())
                .models(new ModelCatalog() {
                    @Override
                    public boolean isAvailable(String m) {
                        return true;
                    }

                    @Override
                    public String defaultModel() {
                        return "a";
                    }

                    @Override
                    public List<String> available() {
                        return List.of("a", "a2", "b", "c");
                    }

                    @Override
                    public List<String> alternatives(String m) {
                        return m.equals("a") ? List.of("a2") : List.of();
                    }
                })
                .build();
        Debate done = consultaion.await(consultaion.start(PROMPT, config()).id(), WAIT);

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        List<DebateEvent> events = events(done);
        int fallback = types(events).indexOf("fallback");
        assertThat(fallback).isPositive();
        assertThat(events.get(fallback).payload())
                .isEqualTo(new EventPayload.Fallback("a", "a2", "scripted/a HTTP 503: overloaded"));
        assertThat(events.get(fallback + 1).payload()).isInstanceOfSatisfying(EventPayload.Message.class, m -> {
            assertThat(m.agent()).isEqualTo("A");
            assertThat(m.model()).isEqualTo("a2");
            assertThat(m.content()).isEqualTo("draft by a2");
        });
        assertThat(model.calls)
                .filteredOn(c -> c.task() == ChatTask.DRAFT)
                .extracting(c -> c.model())
                .containsExactlyInAnyOrder("a", "b", "c", "a2");
    }
}
