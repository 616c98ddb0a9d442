package com.consultaion.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {

    @Test
    void everyPayloadDecodesFromItsOwnFields() {
        List<EventPayload> all = List.of(
                new EventPayload.DebateCreated("debate", List.of("A"), List.of("J")),
                new EventPayload.RoundStarted(2, "critique"),
                new EventPayload.Message(
                        1,
                        "draft",
                        "candidate",
                        "A",
                        "m",
                        "local",
                        "text",
                        new EventPayload.UsageFields(1, 2, 0.25, true)),
                new EventPayload.SeatMessage(
                        2,
                        "rebuttal",
                        "risk",
                        "Risk Officer",
                        "risk_officer",
                        "m",
                        "local",
                        "text",
                        "oppose",
                        "because",
                        true,
                        new EventPayload.UsageFields(1, 2, 0, true)),
                new EventPayload.SeatMessage(
                        1,
                        "explore",
                        "opt",
                        "Optimist",
                        "optimist",
                        "m",
                        "local",
                        "prose",
                        null,
                        null,
                        false,
                        new EventPayload.UsageFields(1, 2, 0, true)),
                new EventPayload.ConversationSummary(3, "so far"),
                new EventPayload.Notice("warn", "n"),
                new EventPayload.AgentFailed("A", "m", "r"),
                new EventPayload.Score("J", "A", Map.of("accuracy", 7.0), 7.0, "why"),
                new EventPayload.JudgeUnparseable("J", "A", "prose"),
                new EventPayload.RankingDecided(List.of("A", "B"), "borda+condorcet", Map.of("A", 7.0)),
                new EventPayload.Fallback("m1", "m2", "timeout"),
                new EventPayload.Final("answer", Map.of("warnings", List.of())),
                new EventPayload.DebateFailed("quorum_lost", "d"),
                new EventPayload.DebateRetried(1, 2),
                new EventPayload.DebateCancelled());

        for (EventPayload payload : all) {
            assertThat(EventPayloads.decode(payload.type(), payload.fields())).isEqualTo(payload);
        }
        EventPayload noAnswer = new EventPayload.Final(null, Map.of("warnings", List.of("synthesis_failed")));
        assertThat(EventPayloads.decode("final", noAnswer.fields())).isEqualTo(noAnswer);
        assertThat(all)
                .filteredOn(EventPayload::terminal)
                .extracting(EventPayload::type)
                .containsExactly("final", "debate_failed", "debate_cancelled");
    }

    /** The wire form is derived from the records now; these are the fields the hand-written mirrors produced. */
    @Test
    void wireFieldsKeepTheirNamesOrderAndValues() {
        assertThat(new EventPayload.Message(
                                1,
                                "draft",
                                "candidate",
                                "A",
                                "m",
                                "local",
                                "text",
                                new EventPayload.UsageFields(1, 2, 0.25, true))
                        .fields()
                        .toString())
                .isEqualTo("{round=1, phase=draft, role=candidate, agent=A, model=m, provider=local, content=text, "
                        + "usage={input_tokens=1, output_tokens=2, cost_usd=0.25, estimated=true}}");
        assertThat(new EventPayload.SeatMessage(
                                1,
                                "explore",
                                "opt",
                                "Optimist",
                                "optimist",
                                "m",
                                "local",
                                "prose",
                                null,
                                null,
                                false,
                                new EventPayload.UsageFields(1, 2, 0, true))
                        .fields()
                        .toString())
                .isEqualTo("{round=1, phase=explore, seat_id=opt, seat_name=Optimist, role=optimist, model=m, "
                        + "provider=local, content=prose, stance=null, reasoning=null, structured=false, "
                        + "usage={input_tokens=1, output_tokens=2, cost_usd=0.0, estimated=true}}");
        assertThat(new EventPayload.RankingDecided(List.of("A", "B"), "borda+condorcet", Map.of("A", 7.0))
                        .fields()
                        .toString())
                .isEqualTo("{ranking=[A, B], method=borda+condorcet, scores={A=7.0}}");
        assertThat(new EventPayload.Final(null, Map.of()).fields().toString()).isEqualTo("{content=null, meta={}}");
        assertThat(new EventPayload.DebateCancelled().fields()).isEmpty();
        assertThat(new EventPayload.RankingDecided(List.of(), "m", Map.of()).type())
                .isEqualTo("ranking");
    }

    @Test
    void decodingReadsAnyNumberFillsAbsentUsageAndRefusesAMissingRequiredField() {
        assertThat(EventPayloads.decode("round_started", Map.of("round", 2L, "phase", "draft")))
                .isEqualTo(new EventPayload.RoundStarted(2, "draft"));
        assertThat(EventPayloads.decode(
                        "message",
                        Map.of(
                                "round",
                                1,
                                "phase",
                                "draft",
                                "role",
                                "r",
                                "agent",
                                "A",
                                "model",
                                "m",
                                "provider",
                                "p",
                                "content",
                                "c")))
                .isEqualTo(new EventPayload.Message(
                        1, "draft", "r", "A", "m", "p", "c", new EventPayload.UsageFields(0, 0, 0, false)));
        assertThatThrownBy(() -> EventPayloads.decode("notice", Map.of("level", "warn")))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("message");
        assertThat(EventPayloads.decode("debate_failed", Map.of("reason", "r")))
                .isEqualTo(new EventPayload.DebateFailed("r", null));
    }

    @Test
    void anUnknownTypeIsCarriedThroughInsteadOfFailingAReplay() {
        assertThat(EventPayloads.decode("token_delta", Map.of("text", "x")))
                .isEqualTo(new EventPayload.Unknown("token_delta", Map.of("text", "x")));
    }
}
