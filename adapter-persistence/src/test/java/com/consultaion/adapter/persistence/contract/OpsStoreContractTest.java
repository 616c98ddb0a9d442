package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateConfigFields;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.ModelUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The OpsStore contract on both adapters: windows by creation time, over every user. */
class OpsStoreContractTest {

    private static UserId user(PersistenceStores stores, String email) {
        User u = AccountStoresContractTest.user(email);
        stores.accounts().users().insert(u);
        return u.id();
    }

    private static Debate debate(PersistenceStores stores, UserId owner, Instant at) {
        Debate d = Debate.create(
                DebateId.random(),
                owner,
                new Prompt("A question for the operators?"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                at);
        stores.debates().insert(d);
        return d;
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void countsDebatesUsersAndUsageInsideTheWindowOnly(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        UserId alice = user(stores, "alice@example.com");
        UserId bob = user(stores, "bob@example.com");
        Debate done = debate(stores, alice, T0);
        stores.debates().update(done.start(T0).complete("answer", T0));
        debate(stores, alice, T0.plusSeconds(1));
        debate(stores, bob, T0.plusSeconds(2));
        debate(stores, null, T0.plusSeconds(3)); // the embedding application's: no user
        debate(stores, bob, T0.minusSeconds(3600)); // before the window
        stores.billing()
                .append(new BillingStore.Entry(
                        "settle:a", alice, done.id(), BillingStore.Kind.SETTLE, "draft", "local", 1_000, 0.25, T0));
        stores.billing()
                .append(new BillingStore.Entry(
                        "settle:b", bob, done.id(), BillingStore.Kind.SETTLE, "draft", "local", 500, 0.25, T0));
        stores.billing()
                .append(new BillingStore.Entry(
                        "settle:old",
                        bob,
                        done.id(),
                        BillingStore.Kind.SETTLE,
                        "draft",
                        "local",
                        9_999,
                        9,
                        T0.minusSeconds(3600)));

        Instant since = T0.minusSeconds(60);
        assertThat(stores.ops().debatesByStatusSince(since))
                .isEqualTo(Map.of(DebateStatus.COMPLETED, 1L, DebateStatus.QUEUED, 3L));
        assertThat(stores.ops().activeUsersSince(since)).isEqualTo(2);
        assertThat(stores.ops().usageByModelSince(since)).containsExactly(new ModelUsage("local", 1_500, 0.5));
        assertThat(stores.ops().debatesByStatusSince(T0.plusSeconds(60))).isEmpty();
        assertThat(stores.ops().debatesWithoutCritiqueSince(since)).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void countsDebatesRunWithoutACritiqueRound(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        UserId alice = user(stores, "alice@example.com");
        debate(stores, alice, T0); // the default: a critique round
        DebateConfig fast = DebateConfigFields.fromFields(Map.of("rounds", 0), "local");
        for (DebateMode mode : List.of(DebateMode.DEBATE, DebateMode.CONVERSATION)) {
            stores.debates()
                    .insert(Debate.create(
                            DebateId.random(), alice, new Prompt("A question answered at once?"), mode, fast, T0));
        }
        stores.debates()
                .insert(Debate.create(
                        DebateId.random(),
                        alice,
                        new Prompt("An older question answered at once?"),
                        DebateMode.DEBATE,
                        fast,
                        T0.minusSeconds(3600)));
        assertThat(stores.ops().debatesWithoutCritiqueSince(T0.minusSeconds(60)))
                .isEqualTo(1);
        assertThat(stores.ops().debatesWithoutCritiqueSince(Instant.EPOCH)).isEqualTo(2);
    }
}
