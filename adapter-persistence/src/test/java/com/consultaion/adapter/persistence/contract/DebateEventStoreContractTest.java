package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.Fixtures;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DebateEventStore contract, run against the in-memory and the PostgreSQL adapter. */
class DebateEventStoreContractTest {

    static final List<EventPayload> EVERY_TYPE = List.of(
            new EventPayload.DebateCreated("debate", List.of("Analyst", "Critic"), List.of("JudgeAlpha")),
            new EventPayload.RoundStarted(1, "draft"),
            new EventPayload.Message(
                    1,
                    "draft",
                    "candidate",
                    "Analyst",
                    "local",
                    "local",
                    "An answer with \"quotes\" and ünïcödé",
                    new EventPayload.UsageFields(10, 20, 0.5, true)),
            new EventPayload.Notice("warn", "1 of 3 agents failed"),
            new EventPayload.AgentFailed("Critic", "gpt-x", "openai/gpt-x HTTP 429: rate limited"),
            new EventPayload.Score("JudgeAlpha", "Analyst", Map.of("accuracy", 7.5), 7.5, "good"),
            new EventPayload.JudgeUnparseable("JudgeBeta", "Analyst", "not JSON"),
            new EventPayload.RankingDecided(List.of("Analyst", "Critic"), "borda+condorcet", Map.of("Analyst", 7.5)),
            new EventPayload.Fallback("m1", "m2", "timeout"),
            new EventPayload.Final("the answer", Map.of("warnings", List.of())),
            new EventPayload.DebateFailed("quorum_lost", "1 of 3 answered"),
            new EventPayload.DebateCancelled());

    private static Debate stored(PersistenceStores stores) {
        Debate debate = Fixtures.debate();
        stores.debates().insert(debate);
        return debate;
    }

    private static List<DebateEvent> events(DebateId id, long firstSeq, List<EventPayload> payloads) {
        List<DebateEvent> events = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new DebateEvent(id, firstSeq + i, T0.plusMillis(i), payloads.get(i)));
        }
        return events;
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void everyEventTypeReadsBackAsItWasAppended(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = stored(stores);
        List<DebateEvent> appended = events(debate.id(), 1, EVERY_TYPE);

        stores.events().append(appended);

        assertThat(stores.events().readAfter(debate.id(), 0, 100)).isEqualTo(appended);
        assertThat(stores.events().lastSeq(debate.id())).isEqualTo(EVERY_TYPE.size());
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void readingAfterASeqReturnsOnlyLaterEventsUpToTheLimit(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = stored(stores);
        stores.events().append(events(debate.id(), 1, EVERY_TYPE));

        assertThat(stores.events().readAfter(debate.id(), 3, 2))
                .extracting(DebateEvent::seq)
                .containsExactly(4L, 5L);
        assertThat(stores.events().readAfter(debate.id(), EVERY_TYPE.size(), 10))
                .isEmpty();
        assertThat(stores.events().readAfter(DebateId.random(), 0, 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void anAppendThatLeavesAGapOrRepeatsASeqIsRefusedAndStoresNothing(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = stored(stores);
        DebateEventStore store = stores.events();
        store.append(events(debate.id(), 1, EVERY_TYPE.subList(0, 2)));

        assertThatThrownBy(() -> store.append(events(debate.id(), 4, EVERY_TYPE.subList(0, 1))))
                .isInstanceOf(DebateEventStore.SequenceException.class);
        assertThatThrownBy(() -> store.append(events(debate.id(), 2, EVERY_TYPE.subList(0, 2))))
                .isInstanceOf(DebateEventStore.SequenceException.class);
        assertThat(store.lastSeq(debate.id())).isEqualTo(2);
    }
}
