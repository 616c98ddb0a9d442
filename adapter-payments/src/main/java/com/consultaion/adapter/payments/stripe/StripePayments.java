package com.consultaion.adapter.payments.stripe;

import com.consultaion.application.port.out.PaymentProvider;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.billing.CheckoutSession;
import com.consultaion.domain.billing.PaymentEvent;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stripe as the payment provider: a subscription Checkout Session per purchase (the user pays on Stripe's page),
 * and the webhook's events verified ({@link StripeSignature}) and translated. The account and plan travel in the
 * session's {@code client_reference_id} and in the metadata of the session and of the subscription it creates, so
 * every later event of the subscription names them; a subscription's price, when it maps to a plan, wins over its
 * metadata (a plan changed in Stripe's portal).
 */
public final class StripePayments implements PaymentProvider {

    /**
     * How to reach Stripe and what it sells.
     *
     * @param apiBase {@code https://api.stripe.com} (a local fake in tests)
     * @param prices each plan sold, to its Stripe price id
     * @param tolerance how far an event's signature timestamp may be from now (Stripe's libraries use 5 minutes)
     */
    public record Settings(
            URI apiBase,
            String secretKey,
            String webhookSecret,
            Map<String, String> prices,
            String successUrl,
            String cancelUrl,
            Duration tolerance,
            Duration timeout) {
        public Settings {
            Objects.requireNonNull(apiBase, "apiBase");
            Objects.requireNonNull(secretKey, "secretKey");
            Objects.requireNonNull(webhookSecret, "webhookSecret");
            prices = Map.copyOf(prices);
            Objects.requireNonNull(successUrl, "successUrl");
            Objects.requireNonNull(cancelUrl, "cancelUrl");
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String toString() {
            return "Settings[apiBase=" + apiBase + ", prices=" + prices + "]"; // never the secrets
        }
    }

    private final Settings settings;
    private final Map<String, String> plansByPrice;
    private final HttpClient http;
    private final Clock clock;

    public StripePayments(Settings settings, Clock clock) {
        this.settings = settings;
        this.plansByPrice = settings.prices().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a));
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.clock = clock;
    }

    /** The settings as they may be logged (never the secrets). */
    public String settingsText() {
        return settings.toString();
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Set<String> plans() {
        return settings.prices().keySet();
    }

    @Override
    public CheckoutSession checkout(UserId user, @Nullable String email, String plan) {
        String price = settings.prices().get(plan);
        if (price == null) {
            throw new Unavailable("no Stripe price is configured for plan " + plan, null);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "subscription");
        form.put("line_items[0][price]", price);
        form.put("line_items[0][quantity]", "1");
        form.put("success_url", settings.successUrl());
        form.put("cancel_url", settings.cancelUrl());
        form.put("client_reference_id", user.toString());
        if (email != null) {
            form.put("customer_email", email);
        }
        form.put("metadata[user_id]", user.toString());
        form.put("metadata[plan_slug]", plan);
        form.put("subscription_data[metadata][user_id]", user.toString());
        form.put("subscription_data[metadata][plan_slug]", plan);
        HttpRequest request = HttpRequest.newBuilder(settings.apiBase().resolve("/v1/checkout/sessions"))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.secretKey())
                .header("Content-Type", "application/x-www-form-urlencoded")
                // A retried request (below) creates one session, not two.
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response = send(request);
        Map<String, Object> body;
        try {
            body = object(JsonReader.read(response.body()));
        } catch (JsonReader.JsonException e) {
            throw new Unavailable("Stripe answered " + response.statusCode() + " with no JSON", e);
        }
        if (response.statusCode() != 200) {
            String message = string(object(body.get("error")), "message");
            throw new Unavailable(
                    "Stripe answered " + response.statusCode() + (message == null ? "" : ": " + message), null);
        }
        String id = string(body, "id");
        String url = string(body, "url");
        if (id == null || url == null) {
            throw new Unavailable("Stripe's checkout session has no id or url", null);
        }
        return new CheckoutSession(id, url);
    }

    private HttpResponse<String> send(HttpRequest request) {
        IOException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while calling Stripe", e);
            }
        }
        throw new Unavailable("Stripe could not be reached: " + last, last);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public PaymentEvent verify(byte[] payload, @Nullable String signature) {
        StripeSignature.verify(payload, signature, settings.webhookSecret(), settings.tolerance(), clock.instant());
        Map<String, Object> event = object(parse(new String(payload, StandardCharsets.UTF_8)));
        String id = string(event, "id");
        String type = string(event, "type");
        if (id == null || type == null || !(event.get("created") instanceof Double created)) {
            throw new InvalidEvent("the payload is not a Stripe event (id, type, created)");
        }
        Map<String, Object> data = object(object(event.get("data")).get("object"));
        return translate(id, type, Instant.ofEpochSecond(created.longValue()), data);
    }

    private PaymentEvent translate(String id, String type, Instant created, Map<String, Object> o) {
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                String paid = string(o, "payment_status");
                boolean done = "paid".equals(paid) || "no_payment_required".equals(paid);
                if (!"subscription".equals(string(o, "mode")) || !done) {
                    yield other(id, type, created);
                }
                Map<String, Object> meta = object(o.get("metadata"));
                String ref = string(o, "client_reference_id");
                yield new PaymentEvent(
                        id,
                        PaymentEvent.Kind.CHECKOUT_COMPLETED,
                        type,
                        created,
                        idOf(o.get("subscription")),
                        idOf(o.get("customer")),
                        user(ref != null ? ref : string(meta, "user_id")),
                        string(meta, "plan_slug"),
                        Subscription.Status.ACTIVE,
                        null);
            }
            case "customer.subscription.created",
                    "customer.subscription.updated",
                    "customer.subscription.resumed",
                    "customer.subscription.paused",
                    "customer.subscription.deleted" -> {
                Map<String, Object> meta = object(o.get("metadata"));
                Map<String, Object> item = first(object(o.get("items")).get("data"));
                String pricePlan = plansByPrice.get(idOf(item.get("price")));
                Double periodEnd = o.get("current_period_end") instanceof Double d
                        ? d
                        : item.get("current_period_end") instanceof Double d2 ? d2 : null;
                boolean deleted = type.equals("customer.subscription.deleted");
                yield new PaymentEvent(
                        id,
                        deleted ? PaymentEvent.Kind.SUBSCRIPTION_ENDED : PaymentEvent.Kind.SUBSCRIPTION_CHANGED,
                        type,
                        created,
                        string(o, "id"),
                        idOf(o.get("customer")),
                        user(string(meta, "user_id")),
                        pricePlan != null ? pricePlan : string(meta, "plan_slug"),
                        deleted ? Subscription.Status.CANCELED : status(string(o, "status")),
                        periodEnd == null ? null : Instant.ofEpochSecond(periodEnd.longValue()));
            }
            case "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed" -> {
                // The subscription is on the invoice (API versions before 2025-03) or under parent.
                Map<String, Object> details = object(object(o.get("parent")).get("subscription_details"));
                if (details.isEmpty()) {
                    details = object(o.get("subscription_details"));
                }
                String subscription = idOf(o.get("subscription"));
                if (subscription == null) {
                    subscription = idOf(details.get("subscription"));
                }
                if (subscription == null) {
                    yield other(id, type, created);
                }
                Map<String, Object> meta = object(details.get("metadata"));
                Map<String, Object> line = first(object(o.get("lines")).get("data"));
                Object end = object(line.get("period")).get("end");
                boolean failed = type.equals("invoice.payment_failed");
                yield new PaymentEvent(
                        id,
                        failed ? PaymentEvent.Kind.PAYMENT_FAILED : PaymentEvent.Kind.INVOICE_PAID,
                        type,
                        created,
                        subscription,
                        idOf(o.get("customer")),
                        user(string(meta, "user_id")),
                        string(meta, "plan_slug"),
                        failed ? Subscription.Status.PAST_DUE : Subscription.Status.ACTIVE,
                        end instanceof Double d ? Instant.ofEpochSecond(d.longValue()) : null);
            }
            default -> other(id, type, created);
        };
    }

    private static PaymentEvent other(String id, String type, Instant created) {
        return new PaymentEvent(id, PaymentEvent.Kind.OTHER, type, created, null, null, null, null, null, null);
    }

    /** Stripe's subscription statuses, as they decide the plan. */
    static @Nullable Subscription.Status status(@Nullable String stripe) {
        if (stripe == null) {
            return null;
        }
        return switch (stripe) {
            case "active", "trialing" -> Subscription.Status.ACTIVE;
            case "past_due" -> Subscription.Status.PAST_DUE;
            case "canceled", "unpaid", "incomplete_expired" -> Subscription.Status.CANCELED;
            default -> Subscription.Status.INCOMPLETE; // incomplete, paused
        };
    }

    private static @Nullable UserId user(@Nullable String id) {
        if (id == null) {
            return null;
        }
        try {
            return new UserId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Object parse(String text) {
        try {
            return JsonReader.read(text);
        } catch (JsonReader.JsonException e) {
            throw new InvalidEvent("the payload is not JSON: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(@Nullable Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> first(@Nullable Object list) {
        return list instanceof List<?> l && !l.isEmpty() ? object(l.get(0)) : Map.of();
    }

    private static @Nullable String string(Map<String, Object> o, String key) {
        return o.get(key) instanceof String s && !s.isEmpty() ? s : null;
    }

    /** An expandable field: an id, or the expanded object with its id. */
    private static @Nullable String idOf(@Nullable Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            return s;
        }
        return Optional.of(object(value)).map(m -> string(m, "id")).orElse(null);
    }
}
