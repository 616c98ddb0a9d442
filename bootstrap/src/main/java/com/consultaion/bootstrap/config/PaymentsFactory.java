package com.consultaion.bootstrap.config;

import com.consultaion.adapter.payments.stripe.StripePayments;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.application.port.in.PaymentsUseCase;
import com.consultaion.application.port.out.PaymentProvider;
import com.consultaion.application.service.PaymentService;
import com.consultaion.bootstrap.StartupFailure;
import com.consultaion.domain.plan.Plan;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments: Stripe when {@code STRIPE_SECRET_KEY} is set (with {@code STRIPE_WEBHOOK_SECRET} and at least one
 * {@code plan:price} in {@code STRIPE_PRICES}, else the service refuses to start), none otherwise — checkout then
 * answers 503 {@code billing.not_configured}.
 */
@Factory
final class PaymentsFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsFactory.class);
    private static final String PREFIX = "consultaion.billing.";

    /** Created at startup ({@code @Context}), so a misconfigured provider stops the service before it serves. */
    @Context
    PaymentsUseCase payments(JdbiStores stores, Environment env, Clock clock) {
        List<Plan> plans = PlanSettings.plans(env);
        Set<String> known = plans.stream().map(Plan::slug).collect(Collectors.toUnmodifiableSet());
        List<PaymentProvider> providers = stripe(env, known, clock).stream().toList();
        return new PaymentService(
                providers,
                stores.accounts().payments(),
                stores.billing(),
                stores.accounts().users(),
                stores.transactions(),
                stores.accounts().audit(),
                known,
                Plan.DEFAULT_SLUG,
                clock);
    }

    private static Optional<PaymentProvider> stripe(Environment env, Set<String> known, Clock clock) {
        String key = text(env, "stripe.secret-key");
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String webhookSecret = text(env, "stripe.webhook-secret");
        if (webhookSecret.isEmpty()) {
            throw new StartupFailure("STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: events could not "
                    + "be verified. Set the webhook endpoint's signing secret (whsec_…).");
        }
        Map<String, String> prices = prices(text(env, "stripe.prices"), known);
        StripePayments.Settings settings = new StripePayments.Settings(
                URI.create(text(env, "stripe.api-base")),
                key,
                webhookSecret,
                prices,
                text(env, "success-url"),
                text(env, "cancel-url"),
                env.getProperty(PREFIX + "stripe.tolerance", Duration.class).orElse(Duration.ofMinutes(5)),
                env.getProperty(PREFIX + "stripe.timeout", Duration.class).orElse(Duration.ofSeconds(10)));
        LOG.info("payments: Stripe at {}, selling {}", settings.apiBase(), prices.keySet());
        return Optional.of(new StripePayments(settings, clock));
    }

    /** {@code pro:price_123,team:price_456}: each plan must exist, each at most once. */
    static Map<String, String> prices(String text, Set<String> known) {
        Map<String, String> prices = new LinkedHashMap<>();
        for (String pair : text.split(",", -1)) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.strip().split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new StartupFailure("STRIPE_PRICES is a comma-separated list of plan:price_id, e.g. "
                        + "pro:price_123; got '" + pair.strip() + "'");
            }
            String plan = parts[0].strip();
            if (!known.contains(plan)) {
                throw new StartupFailure("STRIPE_PRICES names plan '" + plan + "', which does not exist " + known);
            }
            if (prices.put(plan, parts[1].strip()) != null) {
                throw new StartupFailure("STRIPE_PRICES names plan '" + plan + "' twice");
            }
        }
        if (prices.isEmpty()) {
            throw new StartupFailure("STRIPE_SECRET_KEY is set but STRIPE_PRICES names no plan to sell "
                    + "(e.g. STRIPE_PRICES=pro:price_123)");
        }
        return prices;
    }

    private static String text(Environment env, String name) {
        return env.getProperty(PREFIX + name, String.class).orElse("").strip();
    }
}
