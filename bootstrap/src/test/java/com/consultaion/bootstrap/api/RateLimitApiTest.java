package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.consultaion.domain.debate.UserId;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits through real HTTP on a service with small buckets that do not refill during the test (each
 * refills over an hour). 127.0.0.1 is a trusted proxy here, so each test plays its own client addresses through
 * X-Forwarded-For.
 */
class RateLimitApiTest {

    @TempDir
    static Path dataDir;

    static EmbeddedServer server;
    static TestHttp http;
    static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.ofEntries(
                Map.entry("consultaion.data-dir", dataDir.toString()),
                Map.entry("consultaion.rate-limit.api.capacity", 10),
                Map.entry("consultaion.rate-limit.api.period", "1h"),
                Map.entry("consultaion.rate-limit.debate-cost", 5),
                Map.entry("consultaion.rate-limit.stream.capacity", 2),
                Map.entry("consultaion.rate-limit.stream.period", "1h"),
                Map.entry("consultaion.rate-limit.auth.capacity", 6),
                Map.entry("consultaion.rate-limit.auth.period", "1h"),
                Map.entry("consultaion.http.trusted-proxies", "127.0.0.1,::1")));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A client address of its own for each caller (198.51.100.0/24 is reserved for documentation). */
    private static String[] from() {
        return new String[] {"X-Forwarded-For", "198.51.100." + ADDRESSES.getAndIncrement()};
    }

    private static String[] with(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Registers and signs in from its own address (2 of that address's 6 sign-in tokens); returns the bearer. */
    private static String[] user() {
        return user(from());
    }

    private static String[] user(String[] address) {
        String email = "rl-" + UUID.randomUUID() + "@example.com";
        String body = TestService.json("email", email, "password", TestService.PASSWORD);
        assertThat(http.post("/auth/register", body, address).statusCode()).isEqualTo(201);
        String token = TestService.field(http.post("/auth/login", body, address).body(), "access_token");
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Test
    void everyResponseCarriesTheHeadersAndTheEleventhCallIsRefused() {
        String[] alice = user();
        for (int i = 9; i >= 0; i--) {
            HttpResponse<String> ok = http.get("/me", alice);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("10");
            assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(i));
            assertThat(Long.parseLong(ok.headers().firstValue("RateLimit-Reset").orElseThrow()))
                    .isPositive();
        }
        HttpResponse<String> refused = http.get("/me", alice);
        assertThat(refused.statusCode()).isEqualTo(429);
        String retryAfter = refused.headers().firstValue("Retry-After").orElseThrow();
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 360L); // one token of 10 per hour: 6 minutes
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(refused.body())
                .contains("\"code\":\"rate_limit.exceeded\"", "\"retryable\":true", "\"limit\":10")
                .contains("\"retry_after_seconds\":" + retryAfter);
        // Limits are per user: someone else is not affected, even from the same address.
        assertThat(http.get("/me", user()).statusCode()).isEqualTo(200);
        String[] shared = from();
        String[] first = user(shared);
        String[] second = user(shared);
        for (int i = 0; i < 10; i++) {
            assertThat(http.get("/me", with(shared, first)).statusCode()).isEqualTo(200);
        }
        assertThat(http.get("/me", with(shared, first)).statusCode()).isEqualTo(429);
        assertThat(http.get("/me", with(shared, second)).statusCode()).isEqualTo(200);
        // Anonymous calls are charged to the address: its own bucket, untouched by the users behind it.
        assertThat(http.get("/leaderboard", shared).headers().firstValue("RateLimit-Remaining"))
                .hasValue("9");
    }

    @Test
    void startingADebateCostsMoreAndARefusedStartCreatesNothing() {
        String[] address = from();
        String credentials =
                TestService.json("email", "rl-" + UUID.randomUUID() + "@example.com", "password", TestService.PASSWORD);
        String id = TestService.field(
                http.post("/auth/register", credentials, address).body(), "id");
        String[] bob = {
            "Authorization",
            "Bearer "
                    + TestService.field(
                            http.post("/auth/login", credentials, address).body(), "access_token")
        };
        String body = "{\"prompt\": \"Should our street get more trees?\"}";

        assertThat(http.post("/debates", body, bob).headers().firstValue("RateLimit-Remaining"))
                .hasValue("5");
        assertThat(http.post("/debates", body, bob).headers().firstValue("RateLimit-Remaining"))
                .hasValue("0");
        assertThat(http.post("/debates", body, bob).statusCode()).isEqualTo(429);

        var stores = server.getApplicationContext().getBean(JdbiStores.class);
        var page = stores.debates().page(new UserId(UUID.fromString(id)), Set.of(), null, null, 10, 0);
        assertThat(page.items()).hasSize(2); // the refused start left nothing behind
    }

    @Test
    void signInHasAPerAddressBucketOfItsOwn() {
        String[] attacker = from();
        // A different account each time, so the per-account lockout (5 failures) never triggers: this is the
        // address's own budget at work.
        for (int i = 0; i < 6; i++) {
            String guess = TestService.json(
                    "email", "victim-" + UUID.randomUUID() + "@example.com", "password", "wrong-Password-1");
            assertThat(http.post("/auth/login", guess, attacker).statusCode()).isEqualTo(401);
        }
        String wrong = TestService.json(
                "email", "victim-" + UUID.randomUUID() + "@example.com", "password", "wrong-Password-1");
        HttpResponse<String> refused = http.post("/auth/login", wrong, attacker);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.post("/auth/register", wrong, attacker).statusCode()).isEqualTo(429);
        // Another address still signs in normally.
        assertThat(http.post("/auth/login", wrong, from()).statusCode()).isEqualTo(401);
    }

    @Test
    void forgedTokensSpendTheAddressSignInBudget() {
        String[] forger = from();
        for (int i = 0; i < 6; i++) {
            assertThat(http.get("/me", with(forger, "Authorization", "Bearer forged." + i + ".token"))
                            .statusCode())
                    .isEqualTo(401);
        }
        assertThat(http.get("/me", with(forger, "Authorization", "Bearer forged.7.token"))
                        .statusCode())
                .isEqualTo(429);
        assertThat(http.get("/me", with(forger, "X-API-Key", "pk_guess")).statusCode())
                .isEqualTo(429);
    }

    @Test
    void aStaleSessionCookieOnPublicPagesIsNotTreatedAsGuessing() {
        String[] browser = from();
        // More requests than the address's sign-in budget (6), each with an invalid session cookie; the public
        // page is served as to anyone (each read costs the address's API bucket of 10, so stay below that).
        for (int i = 0; i < 8; i++) {
            assertThat(http.get("/leaderboard", with(browser, "Cookie", "consultaion_token=expired.jwt." + i))
                            .statusCode())
                    .isEqualTo(200);
        }
        // The address's sign-in budget is untouched: registering still works.
        String body =
                TestService.json("email", "rl-" + UUID.randomUUID() + "@example.com", "password", TestService.PASSWORD);
        assertThat(http.post("/auth/register", body, browser).statusCode()).isEqualTo(201);
    }

    @Test
    void aConcurrentFloodGetsExactlyTheBudget() throws Exception {
        String[] carol = user();
        int requests = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < requests; i++) {
                statuses.add(pool.submit(() -> {
                    go.await();
                    return http.get("/me", carol).statusCode();
                }));
            }
            go.countDown();
            int ok = 0;
            int refused = 0;
            for (Future<Integer> f : statuses) {
                int status = f.get();
                ok += status == 200 ? 1 : 0;
                refused += status == 429 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(10);
            assertThat(refused).isEqualTo(40);
        }
    }

    @Test
    void liveStreamsHaveTheirOwnBucket() {
        String[] dave = user();
        String id = TestService.field(
                http.post("/debates", "{\"prompt\": \"Is a shorter school day better?\"}", dave)
                        .body(),
                "id");
        // Two stream opens allowed (each ends when the debate ends or the client goes), the third refused.
        for (int i = 0; i < 2; i++) {
            assertThat(http.get("/debates/" + id + "/stream", dave).statusCode())
                    .isNotEqualTo(429);
        }
        assertThat(http.get("/debates/" + id + "/stream", dave).statusCode()).isEqualTo(429);
        assertThat(http.get("/debates/" + id, dave).statusCode()).isEqualTo(200); // the API bucket is separate
    }

    @Test
    void healthProbesAreNeverLimited() {
        String[] prober = from();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> health = http.get("/healthz", prober);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("RateLimit-Limit")).isEmpty();
        }
    }

    @Test
    void anMcpToolThatStartsADebateIsChargedAsStartingOne() {
        String[] alice = user();
        HttpResponse<String> created = http.post("/keys", "{\"name\": \"mcp\"}", alice); // 9 left
        assertThat(created.statusCode()).isEqualTo(201);
        String[] mcp = {
            "X-API-Key", TestHttp.field(created.body(), "key"), "Accept", "application/json, text/event-stream"
        };
        HttpResponse<String> init = http.post(
                "/mcp",
                "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {"
                        + "\"protocolVersion\": \"2025-06-18\", \"capabilities\": {},"
                        + " \"clientInfo\": {\"name\": \"t\", \"version\": \"1\"}}}",
                mcp); // 8 left
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String[] session = with(
                mcp,
                "Mcp-Session-Id",
                init.headers().firstValue("Mcp-Session-Id").orElseThrow(),
                "MCP-Protocol-Version",
                "2025-06-18");
        assertThat(http.post("/mcp", "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}", session)
                        .statusCode())
                .isEqualTo(202); // 7 left
        String call = "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/call\", \"params\": {"
                + "\"name\": \"start_debate\", \"arguments\": {\"prompt\": \"Should we ship on Fridays?\"}}}";
        // The request costs 1 and the start 5, as POST /debates does: 1 left.
        assertThat(http.post("/mcp", call, session).body()).contains("\"status\":\"queued\"");
        // The next request is let in (1 → 0) and its start refused, as the API refuses it: nothing is created.
        HttpResponse<String> refused = http.post("/mcp", call, session);
        assertThat(refused.statusCode()).isEqualTo(200); // an SSE stream whose one message is the error
        assertThat(refused.body())
                .contains("\"code\":-32000", "\"code\":\"rate_limit.exceeded\"", "\"status\":429")
                .doesNotContain("\"result\"");
    }
}
