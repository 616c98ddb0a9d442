package com.consultaion.domain.billing;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a verified payment event changes a subscription and the account's plan. Events may arrive late, twice or out
 * of order (providers retry and do not order deliveries): duplicates are the caller's to drop by event id; an event
 * older than the last one applied to its subscription changes nothing; an ended subscription stays ended.
 *
 * <p>A subscription in a state that grants its plan ({@link Subscription.Status#grantsPlan()}) puts the account on
 * that plan. When it stops granting it, the account returns to the default plan — unless the account is on another
 * plan by then (an operator's choice), or another of its subscriptions still grants one, which then applies.
 */
public final class SubscriptionRules {

    private SubscriptionRules() {}

    /** What became of an event. */
    public enum Outcome {
        /** The subscription was updated (and the plan, when it changed). */
        APPLIED,
        /** Older than the last event applied to its subscription: recorded, nothing changed. */
        STALE,
        /** Not about a subscription this service knows how to apply: recorded, nothing changed. */
        IGNORED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The decision: the outcome, the subscription to store (when applied), the plan to move the account to (when
     * it changes) and why, in words for the log and the audit trail.
     */
    public record Decision(
            Outcome outcome,
            @Nullable Subscription next,
            @Nullable String assignPlan,
            String reason) {
        public Decision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
        }

        static Decision ignored(String reason) {
            return new Decision(Outcome.IGNORED, null, null, reason);
        }
    }

    /**
     * Applies {@code event}.
     *
     * @param current the stored subscription the event is about, if any
     * @param accountPlan the plan of the account the event is for, or null when there is no such account (the
     *     caller looks the account up from {@code current}, else from the event)
     * @param accountSubscriptions the account's stored subscriptions (may include {@code current})
     * @param knownPlans the plans that exist
     * @param defaultPlan the plan of an account without a subscription
     */
    public static Decision apply(
            String provider,
            PaymentEvent event,
            @Nullable Subscription current,
            @Nullable String accountPlan,
            List<Subscription> accountSubscriptions,
            Set<String> knownPlans,
            String defaultPlan,
            Instant now) {
        if (event.kind() == PaymentEvent.Kind.OTHER) {
            return Decision.ignored("not a subscription event");
        }
        String id = event.subscriptionId();
        if (id == null) {
            return Decision.ignored("the event names no subscription");
        }
        if (current != null && event.created().isBefore(current.lastEventAt())) {
            return new Decision(Outcome.STALE, null, null, "older than the last event applied");
        }
        if (current != null && event.user() != null && !event.user().equals(current.user())) {
            return Decision.ignored("the event names another account than the subscription's");
        }
        UserId user = current != null ? current.user() : event.user();
        if (user == null || accountPlan == null) {
            return Decision.ignored("the event names no known account");
        }
        if (current != null && current.status() == Subscription.Status.CANCELED) {
            return Decision.ignored("the subscription has ended");
        }
        if (current == null
                && (event.kind() == PaymentEvent.Kind.INVOICE_PAID || event.kind() == PaymentEvent.Kind.PAYMENT_FAILED)
                && event.plan() == null) {
            return Decision.ignored("an invoice of a subscription not known yet");
        }
        String plan = event.plan() != null ? event.plan() : current != null ? current.plan() : null;
        if (plan == null || !knownPlans.contains(plan)) {
            return Decision.ignored("the event names no known plan");
        }
        Subscription.Status status = switch (event.kind()) {
            case CHECKOUT_COMPLETED, INVOICE_PAID -> Subscription.Status.ACTIVE;
            case SUBSCRIPTION_ENDED -> Subscription.Status.CANCELED;
            case PAYMENT_FAILED -> Subscription.Status.PAST_DUE;
            case SUBSCRIPTION_CHANGED -> {
                if (event.status() != null) {
                    yield event.status();
                }
                yield current != null ? current.status() : Subscription.Status.INCOMPLETE;
            }
            case OTHER -> throw new AssertionError("handled above");
        };
        Instant lastEvent = current == null || event.created().isAfter(current.lastEventAt())
                ? event.created()
                : current.lastEventAt();
        Subscription next = new Subscription(
                provider,
                id,
                user,
                plan,
                status,
                event.customerId() != null ? event.customerId() : current != null ? current.customerId() : null,
                event.periodEnd() != null ? event.periodEnd() : current != null ? current.currentPeriodEnd() : null,
                lastEvent,
                now);
        String assign = null;
        String reason;
        if (status.grantsPlan()) {
            assign = plan.equals(accountPlan) ? null : plan;
            reason = "the subscription grants plan " + plan;
        } else {
            String fallback = accountSubscriptions.stream()
                    .filter(s -> !s.id().equals(id) || !s.provider().equals(provider))
                    .filter(s -> s.status().grantsPlan())
                    .map(Subscription::plan)
                    .findFirst()
                    .orElse(defaultPlan);
            // Only a subscription that granted the account's plan takes it away.
            boolean heldThisPlan =
                    current != null && current.status().grantsPlan() && accountPlan.equals(current.plan());
            assign = heldThisPlan && !fallback.equals(accountPlan) ? fallback : null;
            reason = status == Subscription.Status.CANCELED
                    ? "the subscription ended"
                    : "the subscription is " + status.wire() + " and grants no plan";
        }
        return new Decision(Outcome.APPLIED, next, assign, reason);
    }
}
