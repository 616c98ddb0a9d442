package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PaymentsUseCase;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.PaymentProvider;
import com.consultaion.application.port.out.PaymentStore;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.DomainException;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.account.User;
import com.consultaion.domain.billing.CheckoutSession;
import com.consultaion.domain.billing.PaymentEvent;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.billing.SubscriptionRules;
import com.consultaion.domain.debate.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checkout through a payment provider, and its events applied exactly once: the event's id is claimed, the
 * subscription and the account's plan changed ({@link SubscriptionRules}) and the change audited, in one
 * transaction — a delivery that fails midway leaves nothing behind, and the provider's retry applies it.
 */
public final class PaymentService implements PaymentsUseCase {

    private static final System.Logger LOG = System.getLogger(PaymentService.class.getName());

    private final Map<String, PaymentProvider> providers;
    private final PaymentStore payments;
    private final BillingStore billing;
    private final UserRepository users;
    private final Transactions transactions;
    private final Audit audit;
    private final Set<String> knownPlans;
    private final String defaultPlan;
    private final Clock clock;

    public PaymentService(
            List<PaymentProvider> providers,
            PaymentStore payments,
            BillingStore billing,
            UserRepository users,
            Transactions transactions,
            AuditTrail audit,
            Set<String> knownPlans,
            String defaultPlan,
            Clock clock) {
        this.providers = new LinkedHashMap<>();
        providers.forEach(p -> this.providers.put(p.name(), p));
        this.payments = payments;
        this.billing = billing;
        this.users = users;
        this.transactions = transactions;
        this.audit = new Audit(audit, clock);
        this.knownPlans = Set.copyOf(knownPlans);
        this.defaultPlan = defaultPlan;
        this.clock = clock;
    }

    @Override
    public CheckoutSession checkout(Requester requester, String plan, ClientContext client) {
        UserId userId = requester.user().orElseThrow(() -> new PermissionDenied("sign in to buy a plan"));
        PaymentProvider provider = providers.values().stream().findFirst().orElseThrow(NotConfigured::new);
        if (!knownPlans.contains(plan)) {
            throw ValidationException.of("plan_slug", "plan.unknown", "no such plan: " + plan);
        }
        if (!provider.plans().contains(plan)) {
            throw ValidationException.of(
                    "plan_slug", "billing.plan_not_for_sale", "plan " + plan + " cannot be bought");
        }
        boolean subscribed = payments.subscriptionsOf(userId).stream()
                .anyMatch(s -> s.plan().equals(plan) && s.status().grantsPlan());
        if (subscribed) {
            throw new DomainException(
                    "billing.already_subscribed", "A subscription already pays for plan " + plan + ".");
        }
        String email =
                users.findById(userId).map(User::email).map(e -> e.value()).orElse(null);
        CheckoutSession session;
        try {
            session = provider.checkout(userId, email, plan);
        } catch (PaymentProvider.Unavailable e) {
            LOG.log(System.Logger.Level.WARNING, "checkout at {0} failed: {1}", provider.name(), e.getMessage());
            throw new ProviderUnavailable("The payment provider could not be reached; try again shortly.");
        }
        audit.record(
                requester,
                "checkout_started",
                "user",
                userId.toString(),
                client,
                Map.of("provider", provider.name(), "plan", plan, "session", session.id()));
        return session;
    }

    @Override
    public Receipt receive(String providerName, byte[] payload, @Nullable String signature) {
        PaymentProvider provider = providers.get(providerName);
        if (provider == null) {
            throw new UnknownProvider(providerName);
        }
        PaymentEvent event;
        try {
            event = provider.verify(payload, signature);
        } catch (PaymentProvider.InvalidEvent e) {
            throw new InvalidEvent(String.valueOf(e.getMessage()));
        }
        return transactions.inTransaction(() -> apply(provider.name(), event));
    }

    private Receipt apply(String provider, PaymentEvent event) {
        Instant now = clock.instant();
        if (!payments.claimEvent(provider, event.id(), event.type(), now)) {
            return new Receipt(event.id(), "duplicate");
        }
        Subscription current = event.subscriptionId() == null
                ? null
                : payments.subscription(provider, event.subscriptionId()).orElse(null);
        UserId account = current != null ? current.user() : event.user();
        Optional<User> user = account == null ? Optional.empty() : users.findById(account);
        String accountPlan = user.map(u -> billing.planOf(u.id())).orElse(null);
        List<Subscription> theirs =
                user.map(u -> payments.subscriptionsOf(u.id())).orElse(List.of());
        SubscriptionRules.Decision decision =
                SubscriptionRules.apply(provider, event, current, accountPlan, theirs, knownPlans, defaultPlan, now);
        Subscription next = decision.next();
        if (next != null) {
            payments.save(next);
            if (decision.assignPlan() != null) {
                billing.assignPlan(next.user(), decision.assignPlan());
            }
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("provider", provider);
            detail.put("event", event.id());
            detail.put("event_type", event.type());
            detail.put("subscription", next.id());
            detail.put("status", next.status().wire());
            detail.put("plan", next.plan());
            if (decision.assignPlan() != null) {
                detail.put("plan_before", String.valueOf(accountPlan));
                detail.put("plan_after", decision.assignPlan());
            }
            audit.record(
                    Requester.system(),
                    decision.assignPlan() != null ? "subscription_plan_changed" : "subscription_updated",
                    "user",
                    next.user().toString(),
                    ClientContext.NONE,
                    detail);
        } else {
            LOG.log(
                    System.Logger.Level.INFO,
                    "payment event {0} ({1}) from {2} {3}: {4}",
                    event.id(),
                    event.type(),
                    provider,
                    decision.outcome().wire(),
                    decision.reason());
        }
        payments.settleEvent(provider, event.id(), decision.outcome().wire());
        return new Receipt(event.id(), decision.outcome().wire());
    }

    @Override
    public List<Subscription> subscriptions(Requester requester, UserId account) {
        if (!requester.admin() && !requester.user().map(account::equals).orElse(false)) {
            throw new PermissionDenied("only the account's owner or an admin may see its subscriptions");
        }
        return payments.subscriptionsOf(account);
    }
}
