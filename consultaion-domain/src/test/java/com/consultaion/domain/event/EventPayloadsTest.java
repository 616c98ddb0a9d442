package com.consultaion.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void anUnknownTypeIsCarriedThroughInsteadOfFailingAReplay() {
        assertThat(EventPayloads.decode("token_delta", Map.of("text", "x")))
                .isEqualTo(new EventPayload.Unknown("token_delta", Map.of("text", "x")));
    }
}
