package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.ExternalSignInStore;
import com.consultaion.domain.account.User;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ExternalSignInStore contract: a state is taken once (also by racing callbacks), links are for good. */
class ExternalSignInStoreContractTest {

    private static ExternalSignInStore.Challenge challenge(String state, int lifetimeSeconds) {
        return new ExternalSignInStore.Challenge(
                state, "google", "nonce-1", "verifier-1", "binding-1", "/debates", T0.plusSeconds(lifetimeSeconds));
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aChallengeIsTakenOnceAndNotAfterItExpires(StoreFactory factory) {
        ExternalSignInStore store = factory.create().accounts().externalSignIn();
        store.saveChallenge(challenge("s1", 600));
        store.saveChallenge(challenge("s2", 60));

        assertThat(store.takeChallenge("s1", T0)).hasValue(challenge("s1", 600));
        assertThat(store.takeChallenge("s1", T0)).as("replayed").isEmpty();
        assertThat(store.takeChallenge("s2", T0.plusSeconds(61))).as("expired").isEmpty();
        assertThat(store.takeChallenge("s2", T0))
                .as("an expired one is gone too")
                .isEmpty();
        assertThat(store.takeChallenge("nope", T0)).isEmpty();

        store.saveChallenge(challenge("s3", 10));
        store.saveChallenge(challenge("s4", 1000));
        assertThat(store.purgeChallenges(T0.plusSeconds(100))).isEqualTo(1);
        assertThat(store.takeChallenge("s4", T0)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void ofRacingCallbacksWithOneStateExactlyOneTakesIt(StoreFactory factory) {
        ExternalSignInStore store = factory.create().accounts().externalSignIn();
        store.saveChallenge(challenge("race", 600));
        List<CompletableFuture<Boolean>> takes = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> store.takeChallenge("race", T0).isPresent()))
                .toList();
        assertThat(takes.stream().map(CompletableFuture::join).filter(b -> b)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aSubjectLinksToOneAccountForGood(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        User alice = AccountStoresContractTest.user("alice@example.com");
        User bob = AccountStoresContractTest.user("bob@example.com");
        stores.accounts().users().insert(alice);
        stores.accounts().users().insert(bob);
        ExternalSignInStore store = stores.accounts().externalSignIn();

        assertThat(store.linkedUser("https://accounts.google.com", "123")).isEmpty();
        store.link("https://accounts.google.com", "123", alice.id(), T0);
        store.link("https://accounts.google.com", "123", bob.id(), T0);
        assertThat(store.linkedUser("https://accounts.google.com", "123")).hasValue(alice.id());
        assertThat(store.linkedUser("https://other.example", "123"))
                .as("another issuer's subject")
                .isEmpty();
    }
}
