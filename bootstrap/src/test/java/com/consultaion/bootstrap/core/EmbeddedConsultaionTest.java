package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.adapter.rest.security.Pbkdf2PasswordHasher;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.event.DebateEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The core embedded in plain Java: no Micronaut, no database, no network. */
class EmbeddedConsultaionTest {

    @Test
    void aDebateRunsToCompletionWithInMemoryStoresAndTheLocalModel() throws Exception {
        try (Consultaion consultaion = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(InMemoryStores.create())
                .build()) {
            Debate done =
                    consultaion.startAndAwait("Should our team adopt a four-day work week?", Duration.ofSeconds(30));

            assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
            assertThat(done.finalContent())
                    .hasValueSatisfying(c -> assertThat(c).contains("Plan:"));
            List<DebateEvent> events = consultaion.events(done.id(), 0);
            assertThat(events)
                    .extracting(DebateEvent::seq)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.get(0).type()).isEqualTo("debate_created");
            assertThat(events.get(events.size() - 1).type()).isEqualTo("final");
            assertThat(events).filteredOn(DebateEvent::terminal).hasSize(1);
        }
    }

    @Test
    void aLambdaIsEnoughAsTheChatModel() throws Exception {
        try (Consultaion consultaion = Consultaion.builder()
                .chatModel(request -> CompletableFuture.completedFuture(new ChatResponse(
                        switch (request.task()) {
                            case JUDGE ->
                                "{\"scores\": {\"accuracy\": 8, \"completeness\": 7, \"citations\": 5, "
                                        + "\"actionability\": 6, \"risk\": 7}, \"rationale\": \"fine\"}";
                            default -> "An answer from my own model for " + request.task();
                        },
                        request.model(),
                        "mine",
                        new Usage(10, 20, 0.001, false))))
                .stores(InMemoryStores.create())
                .defaultModel("my-model")
                .build()) {
            Debate done =
                    consultaion.startAndAwait("How should a city reduce traffic congestion?", Duration.ofSeconds(30));

            assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
            assertThat(done.finalContent()).hasValue("An answer from my own model for SYNTHESIS");
        }
    }

    /** The one composition root gives an embedder the account use cases too, once it supplies their stores. */
    @Test
    void withAccountStoresTheCoreAlsoServesAccountsAndWithoutThemSaysWhatIsMissing() {
        InMemoryStores stores = InMemoryStores.create();
        try (Consultaion consultaion = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(stores)
                .accounts(stores.accounts(), new Pbkdf2PasswordHasher(10_000))
                .startWorker(false)
                .build()) {
            AccountUseCases.SignedIn alice =
                    consultaion.core().accounts().register("alice@example.com", "correct-Horse-7", ClientContext.NONE);

            assertThat(consultaion.core().authenticate().bySession(alice.user().id(), alice.sessionId()))
                    .isPresent();
        }
        try (Consultaion bare = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(InMemoryStores.create())
                .startWorker(false)
                .build()) {
            assertThatThrownBy(() -> bare.core().accounts())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("accounts(stores, hasher)");
        }
    }
}
