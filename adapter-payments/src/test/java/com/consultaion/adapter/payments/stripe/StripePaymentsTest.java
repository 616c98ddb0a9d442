package com.consultaion.adapter.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.application.port.out.PaymentProvider;
import com.consultaion.domain.billing.CheckoutSession;
import com.consultaion.domain.billing.PaymentEvent;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Stripe adapter against a local fake of its API, and its signature check against Stripe's own library. */
class StripePaymentsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final UserId USER = new UserId(UUID.fromString("7f000001-0000-4000-8000-000000000001"));
    private final FakeStripe fake = new FakeStripe();
    private final StripePayments stripe = new StripePayments(settings(fake.base()), Clock.fixed(NOW, ZoneOffset.UTC));

    static StripePayments.Settings settings(URI base) {
        return new StripePayments.Settings(
                base,
                FakeStripe.SECRET_KEY,
                FakeStripe.WEBHOOK_SECRET,
                Map.of("pro", "price_pro"),
                "http://127.0.0.1:8000/?checkout=success",
                "http://127.0.0.1:8000/?checkout=cancelled",
                Duration.ofMinutes(5),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCheckoutIsASubscriptionSessionThatCarriesTheAccountAndPlan() {
        CheckoutSession session = stripe.checkout(USER, "alice@example.com", "pro");

        assertThat(session.id()).isEqualTo("cs_test_1");
        assertThat(session.url()).isEqualTo(fake.base() + "/pay/cs_test_1");
        FakeStripe.Received sent = fake.checkouts().get(0);
        assertThat(sent.form())
                .containsEntry("mode", "subscription")
                .containsEntry("line_items[0][price]", "price_pro")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("client_reference_id", USER.toString())
                .containsEntry("customer_email", "alice@example.com")
                .containsEntry("metadata[user_id]", USER.toString())
                .containsEntry("metadata[plan_slug]", "pro")
                .containsEntry("subscription_data[metadata][user_id]", USER.toString())
                .containsEntry("subscription_data[metadata][plan_slug]", "pro")
                .containsEntry("success_url", "http://127.0.0.1:8000/?checkout=success");
        assertThat(sent.headers()).containsEntry("authorization", "Bearer " + FakeStripe.SECRET_KEY);
        assertThat(sent.headers().get("idempotency-key")).hasSizeGreaterThan(20);
        assertThat(stripe.plans()).containsExactly("pro");
        assertThat(stripe.settingsText()).doesNotContain(FakeStripe.SECRET_KEY, FakeStripe.WEBHOOK_SECRET);
    }

    @Test
    void aRefusalOrAnUnreachableStripeIsUnavailable() {
        fake.failWith(500);
        assertThatThrownBy(() -> stripe.checkout(USER, null, "pro"))
                .isInstanceOf(PaymentProvider.Unavailable.class)
                .hasMessageContaining("500")
                .hasMessageContaining("Something went wrong");
        StripePayments wrongKey = new StripePayments(
                new StripePayments.Settings(
                        fake.base(),
                        "sk_wrong",
                        "whsec",
                        Map.of("pro", "p"),
                        "http://x",
                        "http://x",
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(5)),
                Clock.systemUTC());
        assertThatThrownBy(() -> wrongKey.checkout(USER, null, "pro"))
                .isInstanceOf(PaymentProvider.Unavailable.class)
                .hasMessageContaining("401");
        fake.close();
        assertThatThrownBy(() -> stripe.checkout(USER, null, "pro"))
                .isInstanceOf(PaymentProvider.Unavailable.class)
                .hasMessageContaining("could not be reached");
        assertThatThrownBy(() -> stripe.checkout(USER, null, "team")).isInstanceOf(PaymentProvider.Unavailable.class);
    }

    @Test
    void aSignedEventIsVerifiedAndTranslated() {
        String payload = FakeStripe.event(
                "evt_1",
                "checkout.session.completed",
                NOW,
                FakeStripe.checkoutCompleted("sub_1", USER.toString(), "pro"));

        PaymentEvent e = stripe.verify(bytes(payload), FakeStripe.sign(payload, NOW, FakeStripe.WEBHOOK_SECRET));

        assertThat(e)
                .isEqualTo(new PaymentEvent(
                        "evt_1",
                        PaymentEvent.Kind.CHECKOUT_COMPLETED,
                        "checkout.session.completed",
                        NOW,
                        "sub_1",
                        "cus_1",
                        USER,
                        "pro",
                        Subscription.Status.ACTIVE,
                        null));
    }

    @Test
    void subscriptionsAndInvoicesTranslateInBothApiShapes() {
        long end = NOW.plus(Duration.ofDays(30)).getEpochSecond();
        String updated = FakeStripe.event(
                "evt_2",
                "customer.subscription.updated",
                NOW,
                FakeStripe.subscription("sub_1", USER.toString(), "free", "past_due", "price_pro", end));
        PaymentEvent u = stripe.verify(bytes(updated), FakeStripe.sign(updated, NOW, FakeStripe.WEBHOOK_SECRET));
        assertThat(u.kind()).isEqualTo(PaymentEvent.Kind.SUBSCRIPTION_CHANGED);
        assertThat(u.plan()).as("the price wins over the metadata").isEqualTo("pro");
        assertThat(u.status()).isEqualTo(Subscription.Status.PAST_DUE);
        assertThat(u.periodEnd()).isEqualTo(Instant.ofEpochSecond(end));

        String paid = FakeStripe.event(
                "evt_3", "invoice.paid", NOW, FakeStripe.invoice("sub_1", USER.toString(), "pro", end));
        PaymentEvent p = stripe.verify(bytes(paid), FakeStripe.sign(paid, NOW, FakeStripe.WEBHOOK_SECRET));
        assertThat(p.kind()).isEqualTo(PaymentEvent.Kind.INVOICE_PAID);
        assertThat(p.subscriptionId()).isEqualTo("sub_1");
        assertThat(p.user()).isEqualTo(USER);
        assertThat(p.periodEnd()).isEqualTo(Instant.ofEpochSecond(end));

        String older = FakeStripe.event(
                "evt_4",
                "invoice.payment_failed",
                NOW,
                "{\"id\":\"in_2\",\"subscription\":\"sub_9\",\"customer\":\"cus_1\"}");
        PaymentEvent f = stripe.verify(bytes(older), FakeStripe.sign(older, NOW, FakeStripe.WEBHOOK_SECRET));
        assertThat(f.kind()).isEqualTo(PaymentEvent.Kind.PAYMENT_FAILED);
        assertThat(f.subscriptionId()).isEqualTo("sub_9");

        String deleted = FakeStripe.event(
                "evt_5",
                "customer.subscription.deleted",
                NOW,
                FakeStripe.subscription("sub_1", USER.toString(), "pro", "canceled", "price_other", end));
        PaymentEvent d = stripe.verify(bytes(deleted), FakeStripe.sign(deleted, NOW, FakeStripe.WEBHOOK_SECRET));
        assertThat(d.kind()).isEqualTo(PaymentEvent.Kind.SUBSCRIPTION_ENDED);
        assertThat(d.plan()).as("an unknown price leaves the metadata's plan").isEqualTo("pro");

        String other = FakeStripe.event("evt_6", "charge.refunded", NOW, "{\"id\":\"ch_1\"}");
        assertThat(stripe.verify(bytes(other), FakeStripe.sign(other, NOW, FakeStripe.WEBHOOK_SECRET))
                        .kind())
                .isEqualTo(PaymentEvent.Kind.OTHER);
        String unpaid = FakeStripe.event(
                "evt_7",
                "checkout.session.completed",
                NOW,
                FakeStripe.checkoutCompleted("sub_2", USER.toString(), "pro").replace("\"paid\"", "\"unpaid\""));
        assertThat(stripe.verify(bytes(unpaid), FakeStripe.sign(unpaid, NOW, FakeStripe.WEBHOOK_SECRET))
                        .kind())
                .as("an asynchronous payment not made yet")
                .isEqualTo(PaymentEvent.Kind.OTHER);
    }

    @Test
    void forgedStaleMalformedOrTamperedEventsAreRefused() {
        String payload =
                FakeStripe.event("evt_1", "invoice.paid", NOW, FakeStripe.invoice("sub_1", USER.toString(), "pro", 1));
        byte[] body = bytes(payload);
        long t = NOW.getEpochSecond();
        String good = StripeSignature.sign(body, t, FakeStripe.WEBHOOK_SECRET);

        assertRefused(body, null, "missing");
        assertRefused(body, "", "missing");
        assertRefused(body, "garbage", "malformed");
        assertRefused(body, "t=abc,v1=" + good, "timestamp");
        assertRefused(body, "t=" + t + ",t=" + t + ",v1=" + good, "timestamp");
        assertRefused(body, "v1=" + good, "no timestamp");
        assertRefused(body, "t=" + t + ",v0=" + good, "no v1");
        assertRefused(body, FakeStripe.sign(payload, NOW, "whsec_wrong"), "no signature matches");
        assertRefused(body, FakeStripe.sign(payload, NOW.minusSeconds(301), FakeStripe.WEBHOOK_SECRET), "tolerance");
        assertRefused(body, FakeStripe.sign(payload, NOW.plusSeconds(301), FakeStripe.WEBHOOK_SECRET), "tolerance");
        assertRefused(bytes(payload.replace("sub_1", "sub_2")), "t=" + t + ",v1=" + good, "no signature matches");
        assertRefused(
                bytes("{\"not\":\"an event\"}"),
                FakeStripe.sign("{\"not\":\"an event\"}", NOW, FakeStripe.WEBHOOK_SECRET),
                "not a Stripe event");
        assertRefused(bytes("{"), FakeStripe.sign("{", NOW, FakeStripe.WEBHOOK_SECRET), "not JSON");

        // Accepted: within the tolerance, and with the right one among several signatures (a rolled secret).
        assertThat(stripe.verify(body, FakeStripe.sign(payload, NOW.minusSeconds(299), FakeStripe.WEBHOOK_SECRET))
                        .id())
                .isEqualTo("evt_1");
        String wrong = StripeSignature.sign(body, t, "whsec_old");
        assertThat(stripe.verify(body, "t=" + t + ",v1=" + wrong + ",v1=" + good + ",v0=abc")
                        .id())
                .isEqualTo("evt_1");
        assertThat(stripe.verify(body, "t=" + t + ", v1=" + good.toUpperCase(Locale.ROOT))
                        .id())
                .isEqualTo("evt_1");
    }

    private void assertRefused(byte[] body, String header, String why) {
        assertThatThrownBy(() -> stripe.verify(body, header))
                .isInstanceOf(PaymentProvider.InvalidEvent.class)
                .hasMessageContaining(why);
    }

    @Test
    void ourSignaturesAreTheOfficialLibrarysAndSoAreOurVerdicts() throws Exception {
        String payload = FakeStripe.event("evt_1", "invoice.paid", Instant.now(), "{\"id\":\"in_1\"}");
        long now = Instant.now().getEpochSecond();
        String header = StripeSignature.header(bytes(payload), now, FakeStripe.WEBHOOK_SECRET);
        // Stripe's own library accepts what we sign ...
        assertThat(Webhook.Signature.verifyHeader(payload, header, FakeStripe.WEBHOOK_SECRET, 300))
                .isTrue();
        // ... and we accept what it would accept, and refuse what it refuses.
        StripePayments live = new StripePayments(settings(fake.base()), Clock.systemUTC());
        assertThat(live.verify(bytes(payload), header).id()).isEqualTo("evt_1");
        String forged = StripeSignature.header(bytes(payload), now, "whsec_other");
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(payload, forged, FakeStripe.WEBHOOK_SECRET, 300))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> live.verify(bytes(payload), forged)).isInstanceOf(PaymentProvider.InvalidEvent.class);
    }
}
