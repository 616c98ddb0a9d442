package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.domain.debate.Conversation;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.RoleProfile;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parliament and conversation with models that answer, fail or answer prose: the exact events and the final
 * state a user sees.
 */
class ModesBehaviourTest {

    private Consultaion consultaion;

    @AfterEach
    void close() {
        if (consultaion != null) {
            consultaion.close();
        }
    }

    private static Panel panel(boolean failFast, boolean judged) {
        return new Panel(
                List.of(
                        new Panel.Seat("opt", "Optimist", "scripted", "a", RoleProfile.OPTIMIST, 0.7),
                        new Panel.Seat("risk", "Risk Officer", "scripted", "b", RoleProfile.RISK_OFFICER, 0.4),
                        new Panel.Seat("arch", "Architect", "scripted", "c", RoleProfile.ARCHITECT, 0.5)),
                Panel.DEFAULT_MAX_SEAT_FAIL_RATIO,
                Panel.DEFAULT_MIN_REQUIRED_SEATS,
                failFast,
                judged);
    }

    /** Seats answer structured JSON naming their model and phase. */
    private static ScriptedModel seatsAnswer() {
        ScriptedModel model = new ScriptedModel();
        for (String m : List.of("a", "b", "c")) {
            model.on(ChatTask.SEAT, m, r -> ScriptedModel.answer(r, seatJson(r)));
        }
        return model;
    }

    private static String seatJson(ChatRequest r) {
        String user = r.messages().get(1).content();
        String phase = user.contains("rebuttal:") ? "rebuttal" : user.contains("converge:") ? "converge" : "explore";
        return "{\"content\": \"seat by " + r.model() + " in " + phase
                + "\", \"reasoning\": \"my role\", \"stance\": \"Support\"}";
    }

    private static Function<ChatRequest, CompletableFuture<ChatResponse>> fail(String why) {
        return r -> CompletableFuture.failedFuture(new ChatModelException("scripted", r.model(), 503, why));
    }

    private Debate run(ScriptedModel model, DebateMode mode, DebateConfig config) throws Exception {
        consultaion = Consultaion.builder()
                .chatModel(model)
                .stores(InMemoryStores.create())
                .build();
        Debate started = consultaion.start(PipelineBehaviourTest.PROMPT, mode, config);
        return consultaion.await(started.id(), PipelineBehaviourTest.WAIT);
    }

    private List<DebateEvent> events(Debate debate) {
        return PipelineBehaviourTest.gapFreeEvents(consultaion, debate);
    }

    private static List<String> types(List<DebateEvent> events) {
        return PipelineBehaviourTest.types(events);
    }

    private static <T extends EventPayload> List<T> payloads(List<DebateEvent> events, Class<T> type) {
        return events.stream()
                .map(DebateEvent::payload)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    @Test
    void aParliamentSpeaksInThreePhasesIsJudgedAndTheChairDecides() throws Exception {
        ScriptedModel model = seatsAnswer();
        Debate done =
                run(model, DebateMode.PARLIAMENT, PipelineBehaviourTest.config().withPanel(panel(true, true)));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(done.finalContent()).hasValue("synthesis by a"); // the chair sits on the first seat's model
        List<DebateEvent> events = events(done);
        assertThat(types(events))
                .containsExactly(
                        "debate_created",
                        "round_started",
                        "seat_message",
                        "seat_message",
                        "seat_message",
                        "round_started",
                        "seat_message",
                        "seat_message",
                        "seat_message",
                        "round_started",
                        "seat_message",
                        "seat_message",
                        "seat_message",
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
        List<EventPayload.SeatMessage> seats = payloads(events, EventPayload.SeatMessage.class);
        assertThat(seats).allMatch(EventPayload.SeatMessage::structured);
        assertThat(seats).extracting(EventPayload.SeatMessage::stance).containsOnly("support");
        assertThat(seats)
                .extracting(EventPayload.SeatMessage::phase)
                .containsExactly(
                        "explore",
                        "explore",
                        "explore",
                        "rebuttal",
                        "rebuttal",
                        "rebuttal",
                        "converge",
                        "converge",
                        "converge");
        assertThat(seats.get(8).content()).isEqualTo("seat by c in converge");
        // Later phases read the earlier statements; the first reads none.
        List<ChatRequest> seatCalls =
                model.calls.stream().filter(c -> c.task() == ChatTask.SEAT).toList();
        assertThat(seatCalls.get(0).messages().get(1).content()).doesNotContain("<<<STATEMENT");
        assertThat(seatCalls.get(8).messages().get(1).content()).contains("seat by b in rebuttal");
        // The judges scored the converged statements: seat a's text scores highest.
        EventPayload.RankingDecided ranking =
                payloads(events, EventPayload.RankingDecided.class).get(0);
        assertThat(ranking.ranking()).containsExactly("Optimist", "Risk Officer", "Architect");
        EventPayload.Final fin = payloads(events, EventPayload.Final.class).get(0);
        assertThat(fin.meta()).containsEntry("engine", "parliament").containsKeys("rounds", "panel", "ranking");
    }

    @Test
    void aSeatThatAnswersProseIsKeptWordForWordAndMarkedUnstructured() throws Exception {
        ScriptedModel model =
                seatsAnswer().on(ChatTask.SEAT, "b", r -> ScriptedModel.answer(r, "I just think it is risky."));
        Debate done =
                run(model, DebateMode.PARLIAMENT, PipelineBehaviourTest.config().withPanel(panel(true, false)));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        List<EventPayload.SeatMessage> fromB = payloads(events(done), EventPayload.SeatMessage.class).stream()
                .filter(s -> s.seatId().equals("risk"))
                .toList();
        assertThat(fromB).hasSize(3).allSatisfy(s -> {
            assertThat(s.structured()).isFalse();
            assertThat(s.content()).isEqualTo("I just think it is risky.");
            assertThat(s.stance()).isNull();
        });
        assertThat(types(events(done))).doesNotContain("score"); // an unjudged panel goes straight to the chair
    }

    @Test
    void seatFailuresBeyondTheToleranceEndTheSessionAfterThatPhase() throws Exception {
        ScriptedModel model = seatsAnswer().on(ChatTask.SEAT, "b", fail("down")).on(ChatTask.SEAT, "c", fail("down"));
        Debate done =
                run(model, DebateMode.PARLIAMENT, PipelineBehaviourTest.config().withPanel(panel(true, true)));

        assertThat(done.status()).isEqualTo(DebateStatus.FAILED);
        assertThat(done.reason()).hasValue("seat_failure_threshold_exceeded");
        assertThat(done.detail()).hasValueSatisfying(d -> assertThat(d).contains("1 of 3 seats answered"));
        assertThat(model.callsOf(ChatTask.SEAT)).isEqualTo(3); // no rebuttal after a failed explore phase
        assertThat(model.callsOf(ChatTask.CHAIR)).isZero();
    }

    @Test
    void withoutFailFastTheSessionGoesOnWithTheSeatsThatAnswered() throws Exception {
        ScriptedModel model = seatsAnswer().on(ChatTask.SEAT, "b", fail("down")).on(ChatTask.SEAT, "c", fail("down"));
        Debate done =
                run(model, DebateMode.PARLIAMENT, PipelineBehaviourTest.config().withPanel(panel(false, false)));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        List<DebateEvent> events = events(done);
        assertThat(payloads(events, EventPayload.Notice.class))
                .extracting(EventPayload.Notice::message)
                .contains("2 of 3 seats failed in the explore phase; the session goes on without them");
        assertThat(payloads(events, EventPayload.AgentFailed.class)).hasSize(6);
    }

    @Test
    void theChairFallsBackToTheOtherSeatsModelsThenToTheBestStatement() throws Exception {
        ScriptedModel once = seatsAnswer().on(ChatTask.CHAIR, "a", fail("overloaded"));
        Debate fellBack =
                run(once, DebateMode.PARLIAMENT, PipelineBehaviourTest.config().withPanel(panel(true, true)));
        assertThat(fellBack.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(fellBack.finalContent()).hasValue("synthesis by b");
        assertThat(payloads(events(fellBack), EventPayload.Fallback.class))
                .extracting(EventPayload.Fallback::from, EventPayload.Fallback::to)
                .containsExactly(Tuple.tuple("a", "b"));
        close();

        ScriptedModel never = seatsAnswer();
        for (String m : List.of("a", "b", "c")) {
            never.on(ChatTask.CHAIR, m, fail("overloaded"));
        }
        Debate noChair =
                run(never, DebateMode.PARLIAMENT, PipelineBehaviourTest.config().withPanel(panel(true, true)));
        assertThat(noChair.status()).isEqualTo(DebateStatus.COMPLETED_WITH_WARNINGS);
        assertThat(noChair.reason()).hasValue("chair_failed");
        assertThat(noChair.finalContent()).hasValue("seat by a in converge"); // the judges' best seat
    }

    @Test
    void aParliamentWithoutAPanelSitsTheDefaultPanel() throws Exception {
        Debate done = run(new ScriptedModel(), DebateMode.PARLIAMENT, PipelineBehaviourTest.config());

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(done.config().agents())
                .extracting(a -> a.name())
                .containsExactly("Optimist", "Risk Officer", "Systems Architect");
        // The scripted model answers seats with prose: kept, marked unstructured.
        assertThat(payloads(events(done), EventPayload.SeatMessage.class))
                .hasSize(9)
                .noneMatch(EventPayload.SeatMessage::structured);
    }

    private static DebateConfig conversation(int rounds, long ceiling) {
        return PipelineBehaviourTest.config().withConversation(new Conversation(rounds, ceiling));
    }

    @Test
    void aConversationRunsItsRoundsWithASummaryEachThenTheFacilitator() throws Exception {
        ScriptedModel model = new ScriptedModel();
        Debate done = run(model, DebateMode.CONVERSATION, conversation(2, 1_000_000));

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
                        "conversation_summary",
                        "round_started",
                        "message",
                        "message",
                        "message",
                        "conversation_summary",
                        "round_started",
                        "message",
                        "final");
        assertThat(payloads(events, EventPayload.ConversationSummary.class))
                .extracting(EventPayload.ConversationSummary::round)
                .containsExactly(1, 2);
        // Round 2's delegates read round 1 and its summary.
        List<ChatRequest> delegates =
                model.calls.stream().filter(c -> c.task() == ChatTask.DELEGATE).toList();
        assertThat(delegates.get(3).messages().get(1).content()).contains("<<<STATEMENT Scribe (summary of round 1)");
        EventPayload.Final fin = payloads(events, EventPayload.Final.class).get(0);
        assertThat(fin.meta())
                .containsEntry("mode", "conversation")
                .containsEntry("rounds", 2)
                .containsEntry("truncated", false);
    }

    @Test
    void aConversationStopsStartingRoundsAtItsTokenCeiling() throws Exception {
        // Every scripted call costs 150 tokens: round 1 (three delegates and the scribe) spends 600.
        ScriptedModel model = new ScriptedModel();
        Debate done = run(model, DebateMode.CONVERSATION, conversation(4, 500));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(model.callsOf(ChatTask.DELEGATE)).isEqualTo(3);
        assertThat(model.callsOf(ChatTask.FACILITATOR)).isEqualTo(1);
        List<DebateEvent> events = events(done);
        assertThat(payloads(events, EventPayload.Notice.class))
                .extracting(EventPayload.Notice::message)
                .containsExactly("the conversation reached its token ceiling (600 of 500 tokens) after 1 round(s);"
                        + " the facilitator concludes");
        EventPayload.Final fin = payloads(events, EventPayload.Final.class).get(0);
        assertThat(fin.meta())
                .containsEntry("rounds", 1)
                .containsEntry("truncated", true)
                .containsEntry("truncate_reason", "token_ceiling");
    }

    @Test
    void aRoundWithoutItsSummaryGoesOnAndAFailedFacilitatorLeavesTheLastWord() throws Exception {
        ScriptedModel model = new ScriptedModel()
                .on(ChatTask.SCRIBE, "s1", fail("down"))
                .on(ChatTask.SCRIBE, "s2", fail("down"))
                .on(ChatTask.FACILITATOR, "s1", fail("down"))
                .on(ChatTask.FACILITATOR, "s2", fail("down"));
        Debate done = run(model, DebateMode.CONVERSATION, conversation(1, 1_000_000));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED_WITH_WARNINGS);
        assertThat(done.reason()).hasValue("synthesis_failed");
        assertThat(done.finalContent()).hasValue("synthesis by c"); // the last delegate's turn
        assertThat(types(events(done))).doesNotContain("conversation_summary");
        assertThat(payloads(events(done), EventPayload.Notice.class))
                .extracting(EventPayload.Notice::message)
                .anySatisfy(m -> assertThat(m).startsWith("no summary of round 1"));
    }
}
