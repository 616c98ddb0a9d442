package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans, quotas and the usage ledger through real HTTP, on a service with the real free plan. */
class BillingApiTest {

    @TempDir
    static Path dataDir;

    static EmbeddedServer server;
    static TestHttp http;
    static final String ADMIN = "billing-admin@example.com";

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.ofEntries(
                Map.entry("consultaion.data-dir", dataDir.toString()),
                Map.entry("consultaion.local-model.latency-ms", 60),
                // the real free plan (the suite's application-test.yml raises it for other tests)
                Map.entry("consultaion.plans.free.debates-per-month", 5),
                Map.entry("consultaion.plans.free.tokens-per-day", 100_000),
                Map.entry("consultaion.plans.free.concurrent-debates", 1),
                Map.entry("consultaion.plans.free.max-agents", 3),
                Map.entry("consultaion.plans.free.exports", false)));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Account(String id, String[] bearer) {}

    private static Account account(String email) {
        String body = TestService.json("email", email, "password", TestService.PASSWORD);
        HttpResponse<String> registered = http.post("/auth/register", body);
        if (email.equals(ADMIN)) {
            server.getApplicationContext()
                    .getBean(AccountUseCases.class)
                    .grantAdmin(email, "test: the operator's grant");
        }
        String token = TestService.field(http.post("/auth/login", body).body(), "access_token");
        return new Account(
                registered.statusCode() == 201 ? TestService.field(registered.body(), "id") : null,
                new String[] {"Authorization", "Bearer " + token});
    }

    private static Account freeUser() {
        return account("billing-" + UUID.randomUUID() + "@example.com");
    }

    private static HttpResponse<String> startDebate(Account a, String prompt) {
        return http.post("/debates", "{\"prompt\": \"" + prompt + "\"}", a.bearer());
    }

    private static void awaitDone(Account a, String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> http.get("/debates/" + id, a.bearer())
                        .body()
                        .matches("(?s).*\"status\":\"(completed|completed_with_warnings|failed|cancelled)\".*"));
    }

    @Test
    void plansArePublicWithTheirLimitsFreeFirst() {
        HttpResponse<String> plans = http.get("/billing/plans");
        assertThat(plans.statusCode()).isEqualTo(200);
        JsonNode items = TestHttp.json(plans.body()).get("items");
        assertThat(items.get(0).get("slug").asText()).isEqualTo("free");
        JsonNode free = items.get(0).get("limits");
        assertThat(free.get("max_debates_per_month").asInt()).isEqualTo(5);
        assertThat(free.get("exports_enabled").asBoolean()).isFalse();
        assertThat(free.get("allowed_model_tiers").toString()).isEqualTo("[\"standard\"]");
        assertThat(items.findValuesAsText("slug")).contains("pro");
    }

    @Test
    void whatTheFreePlanForbidsIs402WithTheLimitNamed() {
        Account alice = freeUser();
        String fourAgents = "{\"prompt\": \"Is a bigger panel better?\", \"config\": {\"agents\": ["
                + "{\"name\":\"A\",\"persona\":\"a\",\"model\":\"local\"},{\"name\":\"B\",\"persona\":\"b\",\"model\":\"local\"},"
                + "{\"name\":\"C\",\"persona\":\"c\",\"model\":\"local\"},{\"name\":\"D\",\"persona\":\"d\",\"model\":\"local\"}],"
                + "\"judges\": [{\"name\":\"J\",\"model\":\"local\"}]}}";
        HttpResponse<String> refused = http.post("/debates", fourAgents, alice.bearer());
        assertThat(refused.statusCode()).isEqualTo(402);
        JsonNode maxAgents = TestHttp.json(refused.body()).get("error");
        assertThat(maxAgents.get("code").asText()).isEqualTo("plan.max_agents");
        assertThat(maxAgents.at("/details/limit").asInt()).isEqualTo(3);
        assertThat(maxAgents.at("/details/used").asInt()).isEqualTo(4);
        assertThat(maxAgents.get("retryable").asBoolean()).isFalse();
        assertThat(TestHttp.json(http.get("/debates?limit=5", alice.bearer()).body())
                        .get("items"))
                .isEmpty(); // nothing created

        String id = TestService.field(
                startDebate(alice, "Should exports cost extra?").body(), "id");
        awaitDone(alice, id);
        HttpResponse<String> export = http.post("/debates/" + id + "/export", "{}", alice.bearer());
        assertThat(export.statusCode()).isEqualTo(402);
        assertThat(TestHttp.errorCode(export.body())).isEqualTo("plan.exports_disabled");
    }

    @Test
    void oneDebateAtATimeEvenWhenStartsRace() throws Exception {
        Account bob = freeUser();
        int attempts = 6;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return startDebate(bob, "Which of these starts wins the race?");
                }));
            }
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : results) {
                responses.add(f.get());
            }
            assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() == 429).hasSize(attempts - 1);
            HttpResponse<String> busy = responses.stream()
                    .filter(r -> r.statusCode() == 429)
                    .findFirst()
                    .orElseThrow();
            assertThat(TestHttp.errorCode(busy.body())).isEqualTo("quota.concurrent_debates");
            assertThat(TestHttp.json(busy.body()).at("/error/retryable").asBoolean())
                    .isTrue();
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            // Counted for monitoring, by code.
            assertThat(http.get("/prometheus", account(ADMIN).bearer()).body())
                    .contains("consultaion_quota_refusals_total{code=\"quota.concurrent_debates\"");
        }
    }

    @Test
    void theLedgerShowsWhatCompletedDebatesUsedAndTheMonthlyLimitHolds() {
        Account carol = freeUser();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> started = startDebate(carol, "Question number " + i + " for the ledger?");
            assertThat(started.statusCode()).isEqualTo(201);
            awaitDone(carol, TestService.field(started.body(), "id"));
        }
        HttpResponse<String> sixth = startDebate(carol, "One more than the plan allows?");
        assertThat(sixth.statusCode()).isEqualTo(402);
        JsonNode monthly = TestHttp.json(sixth.body()).get("error");
        assertThat(monthly.get("code").asText()).isEqualTo("plan.debates_per_month");
        assertThat(monthly.at("/details/limit").asInt()).isEqualTo(5);
        assertThat(monthly.at("/details/used").asInt()).isEqualTo(5);
        assertThat(monthly.at("/details/reset_at").asText()).isNotBlank();

        JsonNode me = TestHttp.json(http.get("/billing/me", carol.bearer()).body());
        assertThat(me.at("/plan/slug").asText()).isEqualTo("free");
        assertThat(me.at("/usage/debates_created").asInt()).isEqualTo(5);
        assertThat(me.at("/usage/running_debates").asInt()).isZero();
        assertThat(me.at("/usage/tokens_used").asLong()).isPositive();
        JsonNode models = TestHttp.json(
                        http.get("/billing/usage/models", carol.bearer()).body())
                .get("items");
        assertThat(models.findValuesAsText("model_id")).contains("local");
        assertThat(models.get(0).has("tokens_used")).isTrue();
        assertThat(http.get("/billing/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aBudgetBeyondWhatTodayLeavesRunsWithTheRemainderInsteadOfBeingRefused() {
        Account frank = freeUser();
        String first = TestService.field(
                startDebate(frank, "Does a small debate leave room for a big one?")
                        .body(),
                "id");
        awaitDone(frank, first);
        long today = TestHttp.json(http.get("/billing/me", frank.bearer()).body())
                .at("/usage/tokens_today")
                .asLong();
        assertThat(today).isPositive();

        // 99,000 asked with `today` of the free plan's 100,000 used: it runs with what is left.
        HttpResponse<String> big = http.post(
                "/debates",
                "{\"prompt\": \"May a big budget start late in the day?\","
                        + " \"config\": {\"budget\": {\"max_tokens\": 99000}}}",
                frank.bearer());
        assertThat(big.statusCode()).as(big.body()).isEqualTo(201);
        String id = TestService.field(big.body(), "id");
        assertThat(TestHttp.json(http.get("/debates/" + id, frank.bearer()).body())
                        .at("/config/budget/max_tokens")
                        .asLong())
                .isEqualTo(100_000 - today);
        awaitDone(frank, id);
        JsonNode usage =
                TestHttp.json(http.get("/billing/me", frank.bearer()).body()).get("usage");
        assertThat(usage.get("running_debates").asInt()).isZero();
        assertThat(usage.get("tokens_today").asLong()).isBetween(today, 100_000L);
    }

    @Test
    void aCancelledDebateIsRefunded() {
        Account dave = freeUser();
        String id = TestService.field(
                startDebate(dave, "Will this one be cancelled in time?").body(), "id");
        http.post("/debates/" + id + "/cancel", "{}", dave.bearer());
        awaitDone(dave, id);
        JsonNode usage =
                TestHttp.json(http.get("/billing/me", dave.bearer()).body()).get("usage");
        assertThat(usage.get("debates_created").asInt()).isEqualTo(1);
        assertThat(usage.get("tokens_used").asLong()).isZero();
        assertThat(usage.get("tokens_today").asLong()).isZero();
    }

    @Test
    void onlyAdminsChangePlansAndThePlanTakesEffect() {
        Account erin = freeUser();
        Account admin = account(ADMIN);
        String body = "{\"plan\": \"pro\"}";
        assertThat(http.post("/admin/users/" + erin.id() + "/plan", body, erin.bearer())
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.post("/admin/users/" + erin.id() + "/plan", "{\"plan\": \"gold\"}", admin.bearer())
                        .statusCode())
                .isEqualTo(422);
        assertThat(http.post("/admin/users/" + UUID.randomUUID() + "/plan", body, admin.bearer())
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.post("/admin/users/" + erin.id() + "/plan", body, admin.bearer())
                        .statusCode())
                .isEqualTo(200);

        assertThat(TestHttp.json(http.get("/billing/me", erin.bearer()).body())
                        .at("/plan/slug")
                        .asText())
                .isEqualTo("pro");
        String id = TestService.field(
                startDebate(erin, "Now that exports are included?").body(), "id");
        awaitDone(erin, id);
        assertThat(http.post("/debates/" + id + "/export", "{}", erin.bearer()).statusCode())
                .isEqualTo(200);
    }
}
