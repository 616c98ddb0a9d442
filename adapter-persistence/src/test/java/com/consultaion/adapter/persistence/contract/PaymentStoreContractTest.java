package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.PaymentStore;
import com.consultaion.domain.account.User;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The PaymentStore contract on both adapters: an event is claimed once, even by concurrent deliveries. */
class PaymentStoreContractTest {

    private static UserId user(PersistenceStores stores, String email) {
        User u = AccountStoresContractTest.user(email);
        stores.accounts().users().insert(u);
        return u.id();
    }

    private static Subscription subscription(String id, UserId user, Subscription.Status status, int second) {
        return new Subscription(
                "stripe",
                id,
                user,
                "pro",
                status,
                "cus_1",
                T0.plusSeconds(86_400),
                T0.plusSeconds(second),
                T0.plusSeconds(second));
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void anEventIsClaimedOnceAndKeepsItsOutcome(StoreFactory factory) {
        PaymentStore store = factory.create().accounts().payments();
        assertThat(store.claimEvent("stripe", "evt_1", "invoice.paid", T0)).isTrue();
        assertThat(store.claimEvent("stripe", "evt_1", "invoice.paid", T0)).isFalse();
        assertThat(store.claimEvent("other", "evt_1", "invoice.paid", T0))
                .as("another provider's id")
                .isTrue();
        assertThat(store.eventOutcome("stripe", "evt_1")).isEmpty();
        store.settleEvent("stripe", "evt_1", "applied");
        assertThat(store.eventOutcome("stripe", "evt_1")).hasValue("applied");
        assertThat(store.eventOutcome("stripe", "evt_2")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aClaimRolledBackWithItsTransactionCanBeMadeAgain(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        assertThatThrownBy(() -> stores.transactions().run(() -> {
                    assertThat(stores.accounts().payments().claimEvent("stripe", "evt_1", "x", T0))
                            .isTrue();
                    throw new IllegalStateException("the handler failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(stores.accounts().payments().claimEvent("stripe", "evt_1", "x", T0))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aConcurrentDeliveryWaitsForTheFirstAndThenFindsItClaimed(StoreFactory factory) throws Exception {
        PersistenceStores stores = factory.create();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first =
                CompletableFuture.supplyAsync(() -> stores.transactions().inTransaction(() -> {
                    boolean mine = stores.accounts().payments().claimEvent("stripe", "evt_1", "x", T0);
                    claimed.countDown();
                    await(release);
                    return mine;
                }));
        assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> stores.transactions()
                .inTransaction(() -> stores.accounts().payments().claimEvent("stripe", "evt_1", "x", T0)));
        Thread.sleep(200);
        assertThat(second).as("waits while the first is open").isNotDone();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void subscriptionsAreSavedReplacedAndListedPerAccount(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        UserId alice = user(stores, "alice@example.com");
        UserId bob = user(stores, "bob@example.com");
        PaymentStore store = stores.accounts().payments();
        Subscription first = subscription("sub_1", alice, Subscription.Status.INCOMPLETE, 1);
        store.save(first);
        assertThat(store.subscription("stripe", "sub_1")).hasValue(first);
        Subscription active = subscription("sub_1", alice, Subscription.Status.ACTIVE, 5);
        store.save(active);
        Subscription later = new Subscription(
                "stripe",
                "sub_2",
                alice,
                "pro",
                Subscription.Status.CANCELED,
                null,
                null,
                T0.plusSeconds(9),
                T0.plusSeconds(9));
        store.save(later);
        store.save(subscription("sub_3", bob, Subscription.Status.ACTIVE, 3));

        assertThat(store.subscription("stripe", "sub_1")).hasValue(active);
        assertThat(store.subscription("other", "sub_1")).isEmpty();
        assertThat(store.subscriptionsOf(alice)).containsExactly(later, active);
        assertThat(store.subscriptionsOf(bob)).extracting(Subscription::id).containsExactly("sub_3");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
