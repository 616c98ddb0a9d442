package com.consultaion.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each payment event does to a subscription and a plan, late, repeated and mixed-up ones included. */
class SubscriptionRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final UserId ALICE = new UserId(UUID.randomUUID());
    private static final Set<String> PLANS = Set.of("free", "pro", "team");

    private static PaymentEvent event(PaymentEvent.Kind kind, int second, String plan, Subscription.Status status) {
        return new PaymentEvent(
                "evt_" + second,
                kind,
                kind.name(),
                T0.plusSeconds(second),
                "sub_1",
                "cus_1",
                ALICE,
                plan,
                status,
                null);
    }

    private static Subscription sub(String id, String plan, Subscription.Status status, int second) {
        return new Subscription(
                "stripe", id, ALICE, plan, status, "cus_1", null, T0.plusSeconds(second), T0.plusSeconds(second));
    }

    private static SubscriptionRules.Decision apply(
            PaymentEvent e, Subscription current, String accountPlan, List<Subscription> theirs) {
        return SubscriptionRules.apply("stripe", e, current, accountPlan, theirs, PLANS, "free", T0.plusSeconds(999));
    }

    @Test
    void aCheckoutActivatesAndGrantsThePlan() {
        SubscriptionRules.Decision d =
                apply(event(PaymentEvent.Kind.CHECKOUT_COMPLETED, 1, "pro", null), null, "free", List.of());
        assertThat(d.outcome()).isEqualTo(SubscriptionRules.Outcome.APPLIED);
        assertThat(d.next().status()).isEqualTo(Subscription.Status.ACTIVE);
        assertThat(d.assignPlan()).isEqualTo("pro");
    }

    @Test
    void pastDueKeepsThePlanAndCancellationTakesItBack() {
        Subscription active = sub("sub_1", "pro", Subscription.Status.ACTIVE, 1);
        SubscriptionRules.Decision due =
                apply(event(PaymentEvent.Kind.PAYMENT_FAILED, 2, null, null), active, "pro", List.of(active));
        assertThat(due.next().status()).isEqualTo(Subscription.Status.PAST_DUE);
        assertThat(due.assignPlan()).isNull();
        SubscriptionRules.Decision ended = apply(
                event(PaymentEvent.Kind.SUBSCRIPTION_ENDED, 3, null, null), due.next(), "pro", List.of(due.next()));
        assertThat(ended.next().status()).isEqualTo(Subscription.Status.CANCELED);
        assertThat(ended.assignPlan()).isEqualTo("free");
    }

    @Test
    void anOlderEventIsStaleAndAnEndedSubscriptionStaysEnded() {
        Subscription canceled = sub("sub_1", "pro", Subscription.Status.CANCELED, 10);
        assertThat(apply(
                                event(PaymentEvent.Kind.SUBSCRIPTION_CHANGED, 5, "pro", Subscription.Status.ACTIVE),
                                canceled,
                                "free",
                                List.of())
                        .outcome())
                .isEqualTo(SubscriptionRules.Outcome.STALE);
        assertThat(apply(event(PaymentEvent.Kind.INVOICE_PAID, 11, null, null), canceled, "free", List.of())
                        .outcome())
                .isEqualTo(SubscriptionRules.Outcome.IGNORED);
    }

    @Test
    void whenOneSubscriptionEndsAnotherStillGrantingKeepsItsPlan() {
        Subscription pro = sub("sub_1", "pro", Subscription.Status.ACTIVE, 1);
        Subscription team = sub("sub_2", "team", Subscription.Status.ACTIVE, 2);
        PaymentEvent ended = new PaymentEvent(
                "evt_3",
                PaymentEvent.Kind.SUBSCRIPTION_ENDED,
                "x",
                T0.plusSeconds(3),
                "sub_2",
                null,
                ALICE,
                null,
                null,
                null);
        SubscriptionRules.Decision d = apply(ended, team, "team", List.of(team, pro));
        assertThat(d.assignPlan()).isEqualTo("pro");
    }

    @Test
    void aPlanChangedAtTheProviderMovesTheAccount() {
        Subscription pro = sub("sub_1", "pro", Subscription.Status.ACTIVE, 1);
        SubscriptionRules.Decision d = apply(
                event(PaymentEvent.Kind.SUBSCRIPTION_CHANGED, 2, "team", Subscription.Status.ACTIVE),
                pro,
                "pro",
                List.of(pro));
        assertThat(d.next().plan()).isEqualTo("team");
        assertThat(d.assignPlan()).isEqualTo("team");
    }

    @Test
    void eventsWithoutASubscriptionAccountOrKnownPlanAreIgnored() {
        PaymentEvent noSub = new PaymentEvent(
                "evt_1", PaymentEvent.Kind.CHECKOUT_COMPLETED, "x", T0, null, null, ALICE, "pro", null, null);
        assertThat(apply(noSub, null, "free", List.of()).outcome()).isEqualTo(SubscriptionRules.Outcome.IGNORED);
        assertThat(apply(event(PaymentEvent.Kind.CHECKOUT_COMPLETED, 1, "pro", null), null, null, List.of())
                        .outcome())
                .as("no such account")
                .isEqualTo(SubscriptionRules.Outcome.IGNORED);
        assertThat(apply(event(PaymentEvent.Kind.CHECKOUT_COMPLETED, 1, "gold", null), null, "free", List.of())
                        .outcome())
                .isEqualTo(SubscriptionRules.Outcome.IGNORED);
        Subscription bobs = new Subscription(
                "stripe",
                "sub_1",
                new UserId(UUID.randomUUID()),
                "pro",
                Subscription.Status.ACTIVE,
                null,
                null,
                T0,
                T0);
        assertThat(apply(
                                event(PaymentEvent.Kind.SUBSCRIPTION_CHANGED, 5, "pro", Subscription.Status.ACTIVE),
                                bobs,
                                "free",
                                List.of())
                        .reason())
                .contains("another account");
    }
}
