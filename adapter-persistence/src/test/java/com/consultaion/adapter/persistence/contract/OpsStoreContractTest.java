package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.Role;
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
import java.util.UUID;
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

    private static User account(PersistenceStores stores, String email, Instant created, Role role, boolean active) {
        User u = new User(
                new UserId(UUID.randomUUID()),
                new Email(email),
                "pbkdf2$x",
                role,
                User.Profile.EMPTY,
                active,
                created,
                null);
        stores.accounts().users().insert(u);
        return u;
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void accountsAreListedBySearchRoleStatusPlanAndCreationPagedNewestFirst(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        User alice = account(stores, "alice@example.com", T0, Role.USER, true);
        User bob = account(stores, "bob@shop.example", T0.plusSeconds(10), Role.ADMIN, true);
        User carol = account(stores, "carol@example.com", T0.plusSeconds(20), Role.USER, false);
        User dave = account(stores, "dave@example.com", T0.plusSeconds(30), Role.USER, true);
        stores.accounts().users().update(dave.erased(T0.plusSeconds(40)));
        stores.billing().assignPlan(bob.id(), "pro");
        OpsStore ops = stores.ops();
        AccountSearch all = new AccountSearch(null, null, null, null, null, null, false);

        AccountSearch.Page page = ops.users(all, 2, 0);
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.items()).extracting(l -> l.user().id()).containsExactly(dave.id(), carol.id());
        assertThat(ops.users(all, 2, 2).items()).extracting(l -> l.user().id()).containsExactly(bob.id(), alice.id());
        assertThat(ops.users(new AccountSearch(null, null, null, null, null, null, true), 1, 0)
                        .items())
                .extracting(l -> l.user().id())
                .containsExactly(alice.id());
        assertThat(ops.users(new AccountSearch("SHOP", null, null, null, null, null, false), 10, 0)
                        .items())
                .singleElement()
                .satisfies(l -> assertThat(l.plan()).isEqualTo("pro"));
        assertThat(ops.users(new AccountSearch(null, Role.ADMIN, null, null, null, null, false), 10, 0)
                        .total())
                .isEqualTo(1);
        assertThat(ops.users(
                                new AccountSearch(null, null, AccountSearch.Status.DISABLED, null, null, null, false),
                                10,
                                0)
                        .items())
                .extracting(l -> l.user().id())
                .containsExactly(carol.id());
        assertThat(ops.users(
                                new AccountSearch(null, null, AccountSearch.Status.DELETED, null, null, null, false),
                                10,
                                0)
                        .items())
                .extracting(l -> l.user().id())
                .containsExactly(dave.id());
        assertThat(ops.users(
                                new AccountSearch(null, null, AccountSearch.Status.ACTIVE, "free", null, null, false),
                                10,
                                0)
                        .items())
                .extracting(l -> l.user().id())
                .containsExactly(alice.id());
        assertThat(ops.users(
                                new AccountSearch(
                                        null, null, null, null, T0.plusSeconds(10), T0.plusSeconds(30), false),
                                10,
                                0)
                        .items())
                .extracting(l -> l.user().id())
                .containsExactly(carol.id(), bob.id());
        // Search text is data, never a pattern or SQL.
        for (String hostile : List.of("%", "_", "' OR 1=1 --", "\\")) {
            assertThat(ops.users(new AccountSearch(hostile, null, null, null, null, null, false), 10, 0)
                            .total())
                    .as(hostile)
                    .isZero();
        }
    }
}
