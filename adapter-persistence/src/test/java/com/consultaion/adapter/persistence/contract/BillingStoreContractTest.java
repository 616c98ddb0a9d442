package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.plan.QuotaPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The BillingStore contract on both adapters: plans of accounts, idempotent ledger entries, usage by period. */
class BillingStoreContractTest {

    private static final Instant DAY = T0.truncatedTo(ChronoUnit.DAYS);
    private static final Instant MONTH = Instant.parse("2026-11-01T00:00:00Z");

    private static UserId user(PersistenceStores stores, String email) {
        User u = AccountStoresContractTest.user(email);
        stores.accounts().users().insert(u);
        return u.id();
    }

    private static Debate debate(PersistenceStores stores, UserId owner) {
        Debate d = Debate.create(
                DebateId.random(),
                owner,
                new Prompt("A question worth a debate?"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                T0);
        stores.debates().insert(d);
        return d;
    }

    private static BillingStore.Entry entry(
            String key,
            UserId user,
            DebateId debate,
            BillingStore.Kind kind,
            String model,
            long tokens,
            double cost,
            Instant at) {
        return new BillingStore.Entry(key, user, debate, kind, model == null ? null : "draft", model, tokens, cost, at);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void anAccountStartsOnFreeAndCanBeMoved(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        UserId alice = user(stores, "alice@example.com");
        assertThat(stores.billing().planOf(alice)).isEqualTo("free");
        assertThat(stores.billing().assignPlan(alice, "pro")).isTrue();
        assertThat(stores.billing().assignPlan(new UserId(UUID.randomUUID()), "pro"))
                .isFalse();
        assertThat(stores.billing().planOf(alice)).isEqualTo("pro");
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void entriesAreIdempotentAndUsageCountsByPeriod(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        BillingStore billing = stores.billing();
        UserId alice = user(stores, "alice@example.com");
        UserId bob = user(stores, "bob@example.com");
        Debate running = debate(stores, alice);
        Debate done = debate(stores, alice);
        stores.debates().update(done.start(T0).complete("answer", T0));

        assertThat(billing.append(entry(
                        "reserve:" + running.id(),
                        alice,
                        running.id(),
                        BillingStore.Kind.RESERVE,
                        null,
                        60_000,
                        0,
                        T0)))
                .isTrue();
        assertThat(billing.append(entry(
                        "reserve:" + running.id(),
                        alice,
                        running.id(),
                        BillingStore.Kind.RESERVE,
                        null,
                        60_000,
                        0,
                        T0)))
                .isFalse();
        billing.append(entry("reserve:" + done.id(), alice, done.id(), BillingStore.Kind.RESERVE, null, 60_000, 0, T0));
        billing.append(
                entry("release:" + done.id(), alice, done.id(), BillingStore.Kind.RELEASE, null, -60_000, 0, T0));
        billing.append(entry(
                "settle:" + done.id() + ":draft:local",
                alice,
                done.id(),
                BillingStore.Kind.SETTLE,
                "local",
                1_200,
                0.5,
                T0));
        billing.append(entry(
                "settle:" + done.id() + ":draft:big",
                alice,
                done.id(),
                BillingStore.Kind.SETTLE,
                "big",
                3_000,
                1.25,
                T0));
        // Yesterday's settlement counts for the month, not for today; last month's for neither.
        billing.append(entry(
                "settle:old", alice, done.id(), BillingStore.Kind.SETTLE, "local", 500, 0.1, DAY.minusSeconds(1)));
        billing.append(entry(
                "settle:older", alice, done.id(), BillingStore.Kind.SETTLE, "local", 700, 0.1, MONTH.minusSeconds(1)));

        QuotaPolicy.Usage usage = billing.usage(alice, DAY, MONTH, 100);
        assertThat(usage.debatesThisMonth()).isEqualTo(2);
        assertThat(usage.tokensToday()).isEqualTo(60_000 + 1_200 + 3_000);
        assertThat(usage.tokensThisMonth()).isEqualTo(1_200 + 3_000 + 500);
        assertThat(usage.running()).isEqualTo(1);
        Debate second = debate(stores, alice); // a second queued debate
        assertThat(billing.usage(alice, DAY, MONTH, 100).running()).isEqualTo(2);
        // The start being decided is inserted first and left out of its own check.
        assertThat(billing.usage(alice, DAY, MONTH, 100, second.id()).running()).isEqualTo(1);
        assertThat(billing.usage(alice, DAY, MONTH, 1).running()).isEqualTo(1); // counted up to the cap only
        assertThat(billing.usage(bob, DAY, MONTH, 100)).isEqualTo(new QuotaPolicy.Usage(0, 0, 0, 0));

        assertThat(billing.usageByModel(alice, MONTH))
                .containsExactly(new ModelUsage("big", 3_000, 1.25), new ModelUsage("local", 1_700, 0.6));
        assertThat(billing.usageByModel(bob, MONTH)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aFailedTransactionLeavesNoEntry(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        UserId alice = user(stores, "alice@example.com");
        Debate d = debate(stores, alice);
        try {
            stores.transactions().run(() -> {
                stores.billing().lockAccount(alice);
                stores.billing()
                        .append(entry("reserve:" + d.id(), alice, d.id(), BillingStore.Kind.RESERVE, null, 10, 0, T0));
                throw new IllegalStateException("the debate insert failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(stores.billing().usage(alice, DAY, MONTH, 100).debatesThisMonth())
                .isZero();
    }
}
