package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.Fixtures;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Transactions contract: a stage's rows, events and debate row commit together or not at all. */
class TransactionsContractTest {

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void whenTheLastWriteOfAUnitFailsNothingOfItRemains(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate();
        stores.debates().insert(debate);
        Debate running = stores.debates().update(debate.start(T0));

        assertThatThrownBy(() -> stores.transactions().run(() -> {
                    stores.transcripts().addContributions(debate.id(), List.of(Fixtures.answer(0, "Analyst", "draft")));
                    stores.events()
                            .append(List.of(
                                    new DebateEvent(debate.id(), 1, T0, new EventPayload.RoundStarted(1, "draft"))));
                    stores.debates().update(running.checkpoint(1, T0).recordEvents(1));
                    // the last insert fails: the same contribution again
                    stores.transcripts().addContributions(debate.id(), List.of(Fixtures.answer(0, "Analyst", "dup")));
                }))
                .isInstanceOf(RuntimeException.class);

        assertThat(stores.transcripts().contributions(debate.id())).isEmpty();
        assertThat(stores.events().lastSeq(debate.id())).isZero();
        Debate after = stores.debates().findById(debate.id()).orElseThrow();
        assertThat(after.nextStage()).isZero();
        assertThat(after.version()).isEqualTo(running.version());
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aSuccessfulUnitCommitsEverything(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate();

        stores.transactions().run(() -> {
            stores.debates().insert(debate.recordEvents(1));
            stores.events()
                    .append(List.of(new DebateEvent(
                            debate.id(), 1, T0, new EventPayload.DebateCreated("debate", List.of(), List.of()))));
        });

        assertThat(stores.debates().findById(debate.id())).isPresent();
        assertThat(stores.events().lastSeq(debate.id())).isEqualTo(1);
    }
}
