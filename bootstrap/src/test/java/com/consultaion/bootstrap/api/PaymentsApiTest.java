package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.payments.stripe.FakeStripe;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payments through the real service and a local fake of Stripe: checkout, then signed events that activate, renew,
 * downgrade and cancel plans — each applied once, however often and in whatever order it is delivered — and
 * forged, stale or replayed events that change nothing.
 */
class PaymentsApiTest {

    private static FakeStripe stripe;
    private static EmbeddedServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        stripe = new FakeStripe();
        server = TestServers.start(Map.of(
                "consultaion.billing.stripe.secret-key",
                FakeStripe.SECRET_KEY,
                "consultaion.billing.stripe.webhook-secret",
                FakeStripe.WEBHOOK_SECRET,
                "consultaion.billing.stripe.prices",
                "pro:price_pro",
                "consultaion.billing.stripe.api-base",
                stripe.base().toString()));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
        stripe.close();
    }

    /** A signed-in user: bearer header and id. */
    private record Buyer(String[] bearer, String id) {}

    private static Buyer buyer() {
        String[] bearer = TestServers.signIn(server, false);
        return new Buyer(bearer, TestHttp.field(http.get("/me", bearer).body(), "id"));
    }

    private static HttpResponse<String> deliver(String payload, String signature) {
        HttpRequest.Builder request = http.request("/billing/webhook/stripe")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return http.send(request.build());
    }

    private static String deliverSigned(String payload) {
        HttpResponse<String> r = deliver(payload, FakeStripe.sign(payload, Instant.now(), FakeStripe.WEBHOOK_SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestHttp.field(r.body(), "outcome");
    }

    private static String plan(Buyer b) {
        return TestHttp.json(http.get("/billing/me", b.bearer()).body())
                .get("plan")
                .get("slug")
                .asText();
    }

    private static String checkoutCompleted(String event, Buyer b, String subscription, Instant at) {
        return FakeStripe.event(
                event, "checkout.session.completed", at, FakeStripe.checkoutCompleted(subscription, b.id(), "pro"));
    }

    private static String id(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aCheckoutSendsTheBuyerToStripeForAPlanItSells() {
        Buyer b = buyer();
        HttpResponse<String> r = http.post("/billing/checkout", "{\"plan_slug\":\"pro\"}", b.bearer());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestHttp.json(r.body());
        assertThat(body.get("checkout_url").asText()).startsWith(stripe.base() + "/pay/cs_test_");
        FakeStripe.Received sent = stripe.checkouts().get(stripe.checkouts().size() - 1);
        assertThat(sent.form())
                .containsEntry("client_reference_id", b.id())
                .containsEntry("metadata[plan_slug]", "pro")
                .containsEntry("line_items[0][price]", "price_pro");
        assertThat(plan(b)).as("nothing changes before the provider's event").isEqualTo("free");

        assertThat(http.post("/billing/checkout", "{\"plan_slug\":\"pro\"}").statusCode())
                .isEqualTo(401);
        HttpResponse<String> free = http.post("/billing/checkout", "{\"plan_slug\":\"free\"}", b.bearer());
        assertThat(free.statusCode()).isEqualTo(422);
        assertThat(free.body()).contains("billing.plan_not_for_sale");
        HttpResponse<String> unknown =
                http.post("/billing/checkout", "{\"plan_slug\":\"gold'; DROP TABLE users;--\"}", b.bearer());
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("plan.unknown");
        assertThat(http.post("/billing/checkout", "{}", b.bearer()).statusCode())
                .isEqualTo(422);
        assertThat(http.post("/billing/checkout", "{\"plan_slug\":\"pro\",\"price\":1}", b.bearer())
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void whenStripeFailsTheCheckoutIsABadGatewayWithRetryAfter() {
        Buyer b = buyer();
        stripe.failWith(500);
        try {
            HttpResponse<String> r = http.post("/billing/checkout", "{\"plan_slug\":\"pro\"}", b.bearer());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(TestHttp.errorCode(r.body())).isEqualTo("billing.provider_unavailable");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(r.body()).doesNotContain(FakeStripe.SECRET_KEY);
        } finally {
            stripe.failWith(0);
        }
    }

    @Test
    void aPaidCheckoutActivatesThePlanOnceHoweverOftenItIsDelivered() {
        Buyer b = buyer();
        String sub = id("sub_");
        String payload = checkoutCompleted(id("evt_"), b, sub, Instant.now());

        assertThat(deliverSigned(payload)).isEqualTo("applied");
        assertThat(plan(b)).isEqualTo("pro");
        assertThat(deliverSigned(payload)).as("replayed").isEqualTo("duplicate");
        assertThat(plan(b)).isEqualTo("pro");

        JsonNode mine = TestHttp.json(
                        http.get("/billing/subscriptions", b.bearer()).body())
                .get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("id").asText()).isEqualTo(sub);
        assertThat(mine.get(0).get("status").asText()).isEqualTo("active");
        JsonNode export = TestHttp.json(http.get("/me/export", b.bearer()).body());
        assertThat(export.get("subscriptions").get(0).get("id").asText()).isEqualTo(sub);
        HttpResponse<String> again = http.post("/billing/checkout", "{\"plan_slug\":\"pro\"}", b.bearer());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TestHttp.errorCode(again.body())).isEqualTo("billing.already_subscribed");

        // The change is audited with the event, and an admin sees the subscription; another user may not.
        String[] admin = TestServers.signIn(server, true);
        JsonNode audit =
                TestHttp.json(http.get("/admin/audit?action=subscription_plan_changed&target_id=" + b.id(), admin)
                        .body());
        assertThat(audit.get("items")).hasSize(1);
        assertThat(audit.get("items").get(0).get("detail").get("plan_after").asText())
                .isEqualTo("pro");
        JsonNode billing = TestHttp.json(
                http.get("/admin/users/" + b.id() + "/billing", admin).body());
        assertThat(billing.get("plan").asText()).isEqualTo("pro");
        assertThat(billing.get("subscriptions").get(0).get("id").asText()).isEqualTo(sub);
        assertThat(http.get("/admin/users/" + b.id() + "/billing", buyer().bearer())
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.get("/admin/users/" + UUID.randomUUID() + "/billing", admin)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void concurrentDeliveriesOfOneEventApplyItExactlyOnce() throws Exception {
        Buyer b = buyer();
        String event = id("evt_");
        String payload = checkoutCompleted(event, b, id("sub_"), Instant.now());
        int n = 12;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                outcomes.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                go.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return deliverSigned(payload);
                        },
                        pool));
            }
            go.countDown();
            List<String> all = outcomes.stream().map(CompletableFuture::join).toList();
            assertThat(all).filteredOn("applied"::equals).hasSize(1);
            assertThat(all).filteredOn("duplicate"::equals).hasSize(n - 1);
        }
        String[] admin = TestServers.signIn(server, true);
        JsonNode audit = TestHttp.json(
                http.get("/admin/audit?target_id=" + b.id(), admin).body());
        long changes = 0;
        for (JsonNode e : audit.get("items")) {
            if (e.get("action").asText().startsWith("subscription_")) {
                changes++;
            }
        }
        assertThat(changes).isEqualTo(1);
    }

    @Test
    void renewalsFailuresAndCancellationMoveThePlanAndALateOlderEventChangesNothing() {
        Buyer b = buyer();
        String sub = id("sub_");
        Instant t = Instant.now().minusSeconds(200);
        long end = t.plusSeconds(30 * 86_400).getEpochSecond();
        assertThat(deliverSigned(checkoutCompleted(id("evt_"), b, sub, t))).isEqualTo("applied");

        String failed = FakeStripe.event(
                id("evt_"), "invoice.payment_failed", t.plusSeconds(10), FakeStripe.invoice(sub, b.id(), "pro", end));
        assertThat(deliverSigned(failed)).isEqualTo("applied");
        assertThat(plan(b)).as("past due keeps the plan while Stripe retries").isEqualTo("pro");
        assertThat(TestHttp.json(http.get("/billing/subscriptions", b.bearer()).body())
                        .get("items")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("past_due");

        String paid = FakeStripe.event(
                id("evt_"), "invoice.paid", t.plusSeconds(20), FakeStripe.invoice(sub, b.id(), "pro", end));
        assertThat(deliverSigned(paid)).isEqualTo("applied");
        JsonNode renewed = TestHttp.json(
                        http.get("/billing/subscriptions", b.bearer()).body())
                .get("items")
                .get(0);
        assertThat(renewed.get("status").asText()).isEqualTo("active");
        assertThat(renewed.get("current_period_end").asText())
                .isEqualTo(Instant.ofEpochSecond(end).toString());

        String deleted = FakeStripe.event(
                id("evt_"),
                "customer.subscription.deleted",
                t.plusSeconds(100),
                FakeStripe.subscription(sub, b.id(), "pro", "canceled", "price_pro", end));
        String lateUpdate = FakeStripe.event(
                id("evt_"),
                "customer.subscription.updated",
                t.plusSeconds(50),
                FakeStripe.subscription(sub, b.id(), "pro", "active", "price_pro", end));
        assertThat(deliverSigned(deleted)).isEqualTo("applied");
        assertThat(plan(b)).as("cancelled: back to the default plan").isEqualTo("free");
        assertThat(deliverSigned(lateUpdate)).as("older than the cancellation").isEqualTo("stale");
        assertThat(plan(b)).isEqualTo("free");
        String laterStill = FakeStripe.event(
                id("evt_"),
                "customer.subscription.updated",
                t.plusSeconds(150),
                FakeStripe.subscription(sub, b.id(), "pro", "active", "price_pro", end));
        assertThat(deliverSigned(laterStill))
                .as("an ended subscription stays ended")
                .isEqualTo("ignored");
        assertThat(plan(b)).isEqualTo("free");
    }

    @Test
    void anOperatorsPlanIsNotTakenAwayByASubscriptionThatNeverGrantedIt() {
        Buyer b = buyer();
        String[] admin = TestServers.signIn(server, true);
        assertThat(http.post("/admin/users/" + b.id() + "/plan", "{\"plan\":\"internal\"}", admin)
                        .statusCode())
                .isEqualTo(200);
        String sub = id("sub_");
        String created = FakeStripe.event(
                id("evt_"),
                "customer.subscription.created",
                Instant.now(),
                FakeStripe.subscription(sub, b.id(), "pro", "incomplete", "price_pro", 0));
        assertThat(deliverSigned(created)).isEqualTo("applied");
        String expired = FakeStripe.event(
                id("evt_"),
                "customer.subscription.deleted",
                Instant.now().plusSeconds(1),
                FakeStripe.subscription(sub, b.id(), "pro", "incomplete_expired", "price_pro", 0));
        assertThat(deliverSigned(expired)).isEqualTo("applied");
        assertThat(plan(b)).isEqualTo("internal");
    }

    @Test
    void forgedStaleUnsignedOrReplayedEventsChangeNothing() {
        Buyer b = buyer();
        String payload = checkoutCompleted(id("evt_"), b, id("sub_"), Instant.now());
        for (String signature : new String[] {
            null,
            "",
            "t=1,v1=abc",
            FakeStripe.sign(payload, Instant.now(), "whsec_attacker"),
            FakeStripe.sign(payload, Instant.now().minusSeconds(600), FakeStripe.WEBHOOK_SECRET),
            FakeStripe.sign(payload.replace("pro", "internal"), Instant.now(), FakeStripe.WEBHOOK_SECRET)
        }) {
            HttpResponse<String> r = deliver(payload, signature);
            assertThat(r.statusCode()).as(String.valueOf(signature)).isEqualTo(400);
            assertThat(TestHttp.errorCode(r.body())).isEqualTo("billing.invalid_signature");
        }
        // A signed event whose body was changed after signing.
        String signature = FakeStripe.sign(payload, Instant.now(), FakeStripe.WEBHOOK_SECRET);
        assertThat(deliver(payload.replace("\"pro\"", "\"internal\""), signature)
                        .statusCode())
                .isEqualTo(400);
        assertThat(plan(b)).isEqualTo("free");

        // Signed but naming no account, or one that does not exist: recorded, ignored.
        String stranger = FakeStripe.event(
                id("evt_"),
                "checkout.session.completed",
                Instant.now(),
                FakeStripe.checkoutCompleted(id("sub_"), UUID.randomUUID().toString(), "pro"));
        assertThat(deliverSigned(stranger)).isEqualTo("ignored");
        String other = FakeStripe.event(id("evt_"), "customer.created", Instant.now(), "{\"id\":\"cus_9\"}");
        assertThat(deliverSigned(other)).isEqualTo("ignored");

        assertThat(http.post("/billing/webhook/paypal", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void aWebhookNeedsNoSessionAndASessionCookieWithoutCsrfDoesNotBlockIt() {
        Buyer b = buyer();
        String login = http
                .post(
                        "/auth/register",
                        "{\"email\":\"cookie-" + UUID.randomUUID() + "@example.com\",\"password\":\""
                                + TestServers.PASSWORD + "\"}")
                .headers()
                .allValues("Set-Cookie")
                .stream()
                .map(c -> c.split(";", 2)[0])
                .reduce((x, y) -> x + "; " + y)
                .orElseThrow();
        String payload = checkoutCompleted(id("evt_"), b, id("sub_"), Instant.now());
        HttpResponse<String> r = http.send(http.request("/billing/webhook/stripe")
                .header("Content-Type", "application/json")
                .header("Cookie", login)
                .header("Stripe-Signature", FakeStripe.sign(payload, Instant.now(), FakeStripe.WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(plan(b)).isEqualTo("pro");
    }

    @Test
    void withoutAProviderCheckoutIsAClear503AndNoWebhookIsServed() {
        TestService shared = TestService.get();
        TestService.User user = shared.newUser();
        HttpResponse<String> r = shared.http.post("/billing/checkout", "{\"plan_slug\":\"pro\"}", user.bearer());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(TestHttp.errorCode(r.body())).isEqualTo("billing.not_configured");
        HttpResponse<String> hook = shared.http.post("/billing/webhook/stripe", "{}", "Stripe-Signature", "t=1,v1=00");
        assertThat(hook.statusCode()).isEqualTo(404);
        assertThat(TestHttp.errorCode(hook.body())).isEqualTo("billing.unknown_provider");
        assertThat(shared.http.get("/billing/subscriptions", user.bearer()).body())
                .isEqualTo("{\"items\":[]}");
    }
}
