package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.openai.FakeOpenAi;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.consultaion.bootstrap.sse.SseClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original service's clients, replayed call by call: its JS SDK ({@code clients/js}: an API key, {@code
 * createDebate}, {@code getDebate}, {@code streamEvents}) and its web app ({@code apps/web} at the reviewed
 * commit: cookie sign-in with the CSRF header, and every route it calls that this service serves), each with the
 * request body it sends, checking the fields it reads. docs/api.md, Compatibility, lists where ours differs.
 */
class OriginalClientsTest {

    private static FakeOpenAi provider;
    private static EmbeddedServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        provider = new FakeOpenAi().otherwise(FakeOpenAi.obliging());
        server = TestServers.start(Map.of(
                "consultaion.data-dir",
                Files.createTempDirectory("consultaion-original-clients").toString(),
                "consultaion.providers.openai.base-url",
                provider.baseUrl(),
                "consultaion.providers.openai.api-key",
                "sk-test"));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.close();
    }

    /** A signed-in browser: the cookies the sign-in set, sent back, and the CSRF cookie's value as its header. */
    private record Browser(Map<String, String> cookies) {
        String[] headers() {
            String cookie = cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
            return new String[] {
                "Cookie", cookie, "X-CSRF-Token", cookies.get("csrf_token"), "Accept", "application/json"
            };
        }
    }

    private static Browser signIn(String email) {
        String credentials = "{\"email\": \"" + email + "\", \"password\": \"correct-Horse-7\"}";
        http.post("/auth/register", credentials);
        HttpResponse<String> login = http.post("/auth/login", credentials);
        assertThat(login.statusCode()).isEqualTo(200);
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String set : login.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(cookies).containsKeys("csrf_token");
        return new Browser(cookies);
    }

    private static HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = http.request(path, headers);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static void awaitEnd(String id, String... headers) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> List.of("completed", "completed_with_warnings", "failed")
                        .contains(TestHttp.field(
                                http.get("/debates/" + id, headers).body(), "status")));
    }

    @Test
    void theSdkCreatesGetsAndStreamsADebateWithAnApiKey() throws Exception {
        Browser browser = signIn("sdk-" + UUID.randomUUID() + "@example.com");
        // The web app's key manager creates the key and shows `secret`; the SDK then sends it as X-API-Key.
        HttpResponse<String> created = send("POST", "/keys", "{\"name\": \"sdk\"}", browser.headers());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = TestHttp.json(created.body());
        String secret = key.get("secret").asText();
        assertThat(secret).startsWith(key.get("prefix").asText());
        String[] sdk = {"X-API-Key", secret, "Content-Type", "application/json"};

        // createDebate(options): DebateCreateOptions with agents (persona, tools) and judges (rubrics).
        HttpResponse<String> debate = http.post(
                "/debates",
                "{\"prompt\": \"Should our town build a second library branch?\", \"routing_policy\": \"router-deep\","
                        + " \"config\": {\"agents\": [{\"name\": \"Planner\", \"persona\": \"A city planner.\","
                        + " \"tools\": []}, {\"name\": \"Skeptic\", \"persona\": \"A budget hawk.\", \"model\":"
                        + " \"gpt4o-mini\"}], \"judges\": [{\"name\": \"Judge\", \"rubrics\": [\"evidence\","
                        + " \"clarity\"]}]}}",
                sdk);
        assertThat(debate.statusCode()).as(debate.body()).isEqualTo(201);
        JsonNode body = TestHttp.json(debate.body());
        String id = body.get("id").asText();
        // The Debate interface's fields.
        assertThat(body.fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "prompt",
                        "status",
                        "created_at",
                        "updated_at",
                        "user_id",
                        "model_id",
                        "routed_model",
                        "routing_policy",
                        "routing_meta",
                        "config",
                        "error");
        assertThat(body.get("routing_policy").asText()).isEqualTo("router-deep");
        assertThat(body.at("/routing_meta/candidates/0").fieldNames())
                .toIterable()
                .contains(
                        "model",
                        "total_score",
                        "cost_score",
                        "latency_score",
                        "quality_score",
                        "safety_score",
                        "is_healthy");
        // The original's model id names the catalogue's model.
        assertThat(body.at("/config/agents/1/model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.at("/config/judges/0/criteria").toString()).isEqualTo("[\"evidence\",\"clarity\"]");

        // streamEvents(id): fetch with X-API-Key, reads every `data: ` line as JSON, whatever its type.
        SseClient.Result stream =
                SseClient.read(server.getURI().resolve("/debates/" + id + "/stream"), Duration.ofSeconds(30), 500, sdk);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.rawLines()).noneMatch(l -> l.startsWith("event:")); // EventSource.onmessage sees all
        List<String> types = new ArrayList<>();
        for (String line : stream.rawLines()) {
            if (line.startsWith("data: ")) {
                types.add(TestHttp.json(line.substring(6)).get("type").asText());
            }
        }
        assertThat(types).first().isEqualTo("debate_created");
        assertThat(types).contains("message", "score", "final");

        // getDebate(id)
        JsonNode got = TestHttp.json(http.get("/debates/" + id, sdk).body());
        assertThat(got.get("status").asText()).isEqualTo("completed");
        assertThat(got.get("id").asText()).isEqualTo(id);
    }

    @Test
    void theOriginalModelIdsAndPoliciesNameModelsHere() {
        String credentials =
                "{\"email\": \"ids-" + UUID.randomUUID() + "@example.com\", \"password\": \"correct-Horse-7\"}";
        http.post("/auth/register", credentials);
        String[] bearer = {
            "Authorization",
            "Bearer " + TestHttp.field(http.post("/auth/login", credentials).body(), "access_token")
        };
        HttpResponse<String> named = http.post(
                "/debates",
                "{\"prompt\": \"Is a four-day week good for a bakery?\", \"model_id\": \"gpt4o-mini\"}",
                bearer);
        assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
        assertThat(TestHttp.field(named.body(), "model_id")).isEqualTo("gpt-4o-mini");
        awaitEnd(TestHttp.field(named.body(), "id"), bearer);

        // "router-smart" was the original's default model: a routing policy here.
        HttpResponse<String> routed = http.post(
                "/debates",
                "{\"prompt\": \"Is a four-day week good for a bakery?\", \"model_id\": \"router-smart\"}",
                bearer);
        assertThat(routed.statusCode()).as(routed.body()).isEqualTo(201);
        assertThat(TestHttp.field(routed.body(), "routing_policy")).isEqualTo("router-smart");
        assertThat(TestHttp.json(routed.body())
                        .at("/routing_meta/requested_model")
                        .isNull())
                .isTrue();
        awaitEnd(TestHttp.field(routed.body(), "id"), bearer);

        // An alias whose provider is not configured is refused as its model is, naming both.
        HttpResponse<String> absent = http.post(
                "/debates",
                "{\"prompt\": \"Is a four-day week good for a bakery?\", \"model_id\": \"claude-sonnet\"}",
                bearer);
        assertThat(absent.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(absent.body())).containsExactly("model_id:model.unavailable");
        assertThat(absent.body()).contains("claude-sonnet (anthropic/claude-3.5-sonnet)");

        // Tools are not given to models here: asking for some is refused, not silently ignored.
        HttpResponse<String> tools = http.post(
                "/debates",
                "{\"prompt\": \"Is a four-day week good for a bakery?\", \"config\": {\"agents\": [{\"name\": \"A\","
                        + " \"persona\": \"x\", \"tools\": [\"search\"]}, {\"name\": \"B\", \"persona\": \"y\"}]}}",
                bearer);
        assertThat(tools.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(tools.body())).containsExactly("config.agents[0].tools:tools.unsupported");

        // GET /models/ with the trailing slash, anonymous, as the SDK's base-URL joins make it.
        HttpResponse<String> models = http.get("/models/");
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(models.body()).get("models").isArray()).isTrue();
    }

    @Test
    void theWebAppsCallsGetTheShapesItReads() {
        Browser browser = signIn("web-" + UUID.randomUUID() + "@example.com");
        String[] h = browser.headers();

        // lib/auth.ts: GET /me; profile-settings: GET and PUT /me/profile; notification-settings: one field only.
        JsonNode me = TestHttp.json(http.get("/me", h).body());
        assertThat(me.fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "email",
                        "role",
                        "display_name",
                        "avatar_url",
                        "timezone",
                        "is_admin",
                        "is_active",
                        "email_summaries_enabled");
        HttpResponse<String> profile = send(
                "PUT",
                "/me/profile",
                "{\"display_name\": \"Ana\", \"avatar_url\": \"\", \"bio\": \"Baker\", \"timezone\": \"Europe/Paris\"}",
                h);
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        HttpResponse<String> toggle = send("PUT", "/me/profile", "{\"email_summaries_enabled\": true}", h);
        assertThat(toggle.statusCode()).as(toggle.body()).isEqualTo(200);
        JsonNode after = TestHttp.json(http.get("/me/profile", h).body());
        assertThat(after.get("email_summaries_enabled").asBoolean()).isTrue();
        assertThat(after.get("display_name").asText()).isEqualTo("Ana"); // one setting changed, the rest kept
        assertThat(after.get("bio").asText()).isEqualTo("Baker");
        assertThat(send("PUT", "/me/profile", "{\"bio\": \"\"}", h).body()).contains("\"bio\":null");

        // APIKeyManager: GET /keys is an array; DELETE /keys/{id} (a non-JSON answer is fine for apiRequest).
        String keyId =
                TestHttp.field(send("POST", "/keys", "{\"name\": \"web\"}", h).body(), "id");
        JsonNode keys = TestHttp.json(http.get("/keys", h).body());
        assertThat(keys.isArray()).isTrue();
        assertThat(keys.get(0).fieldNames()).toIterable().contains("id", "name", "prefix", "created_at", "revoked");
        assertThat(send("DELETE", "/keys/" + keyId, null, h).statusCode()).isIn(200, 204);

        // Billing pages.
        JsonNode plan = TestHttp.json(http.get("/billing/plans").body()).at("/items/0");
        assertThat(plan.fieldNames())
                .toIterable()
                .contains("slug", "name", "price_monthly", "currency", "is_default_free", "limits");
        assertThat(plan.get("is_default_free").asBoolean()).isTrue();
        JsonNode billing = TestHttp.json(http.get("/billing/me", h).body());
        assertThat(billing.get("usage").fieldNames())
                .toIterable()
                .contains("period", "debates_created", "exports_count", "tokens_used");
        assertThat(billing.get("plan").get("slug").asText()).isEqualTo("free");

        // live/page.tsx: a panel with mode "debate" (the original ran a panel as a parliament).
        HttpResponse<String> started = send(
                "POST",
                "/debates",
                "{\"prompt\": \"Should the bakery open on Sundays?\", \"mode\": \"debate\", \"panel_config\":"
                        + " {\"engine_version\": \"parliament-v1\", \"seats\": [{\"seat_id\": \"optimist\","
                        + " \"display_name\": \"Optimist\", \"provider_key\": \"openai\", \"model\": \"gpt-4o-mini\","
                        + " \"role_profile\": \"optimist\", \"temperature\": 0.7}, {\"seat_id\": \"risk\","
                        + " \"display_name\": \"Risk Officer\", \"provider_key\": \"openai\", \"model\":"
                        + " \"gpt-4.1-mini\", \"role_profile\": \"risk_officer\", \"temperature\": 0.3}]}}",
                h);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = TestHttp.field(started.body(), "id");
        assertThat(TestHttp.field(started.body(), "mode")).isEqualTo("parliament");
        awaitEnd(id, h);

        // Debate pages: list, detail, report, events, members; the dashboard's team share.
        JsonNode page = TestHttp.json(http.get("/debates?limit=20&offset=0", h).body());
        assertThat(page.fieldNames()).toIterable().contains("items", "total", "limit", "offset", "has_more");
        assertThat(page.at("/items/0").fieldNames())
                .toIterable()
                .contains("id", "prompt", "status", "created_at", "updated_at", "user_id", "team_id", "model_id");
        assertThat(TestHttp.json(http.get("/debates/" + id, h).body()).fieldNames())
                .toIterable()
                .contains("config", "panel_config", "final_content", "final_meta");
        JsonNode report =
                TestHttp.json(http.get("/debates/" + id + "/report", h).body());
        assertThat(report.fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "prompt",
                        "status",
                        "final",
                        "scores",
                        "rounds",
                        "messages_count",
                        "created_at",
                        "updated_at");
        assertThat(TestHttp.json(http.get("/debates/" + id + "/events", h).body())
                        .get("items")
                        .size())
                .isPositive();
        JsonNode member =
                TestHttp.json(http.get("/debates/" + id + "/members", h).body()).at("/members/0");
        assertThat(member.fieldNames()).toIterable().contains("id", "name", "role", "party");
        assertThat(TestHttp.json(http.get("/config/members").body())
                        .get("members")
                        .isArray())
                .isTrue();
        String team = TestHttp.field(
                send("POST", "/teams", "{\"name\": \"Bakers\"}", h).body(), "id");
        assertThat(TestHttp.json(http.get("/teams", h).body()).at("/items/0").fieldNames())
                .toIterable()
                .contains("id", "name", "role", "created_at");
        HttpResponse<String> shared = send("PATCH", "/debates/" + id, "{\"team_id\": \"" + team + "\"}", h);
        assertThat(TestHttp.field(shared.body(), "team_id")).isEqualTo(team);

        // Leaderboard and statistics pages (public), after a judged debate (the dashboard's start: prompt, model).
        String judged = TestHttp.field(
                send("POST", "/debates", "{\"prompt\": \"Should the bakery sell soup?\", \"model_id\": null}", h)
                        .body(),
                "id");
        awaitEnd(judged, h);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> TestHttp.json(http.get("/leaderboard").body())
                                .get("items")
                                .size()
                        > 0);
        JsonNode entry = TestHttp.json(
                        http.get("/leaderboard?min_matches=0&limit=50").body())
                .at("/items/0");
        assertThat(entry.fieldNames())
                .toIterable()
                .contains(
                        "persona", "category", "elo", "stdev", "n_matches", "win_rate", "ci", "last_updated", "badge");
        assertThat(entry.get("ci").fieldNames()).toIterable().contains("low", "high");
        String persona = entry.get("persona").asText();
        assertThat(TestHttp.json(http.get("/leaderboard/persona/" + persona + "?category=")
                                .body())
                        .get("persona")
                        .asText())
                .isEqualTo(persona);
        assertThat(TestHttp.json(http.get("/stats/models").body())
                        .at("/items/0")
                        .fieldNames())
                .toIterable()
                .contains("model", "total_debates", "wins", "win_rate", "avg_champion_score", "avg_score_overall");
        assertThat(TestHttp.json(http.get("/stats/models/" + persona).body()).fieldNames())
                .toIterable()
                .contains("recent_debates", "champion_samples");
        assertThat(TestHttp.json(http.get("/stats/hall-of-fame?limit=20&sort=top", h)
                                .body())
                        .at("/items/0")
                        .fieldNames())
                .toIterable()
                .contains(
                        "id",
                        "prompt",
                        "champion",
                        "champion_score",
                        "runner_up_score",
                        "margin",
                        "created_at",
                        "champion_excerpt");
        JsonNode usage =
                TestHttp.json(http.get("/billing/usage/models", h).body()).at("/items/0");
        assertThat(usage.fieldNames())
                .toIterable()
                .contains("model_id", "display_name", "tokens_used", "approx_cost_usd");
        assertThat(usage.get("display_name").asText()).startsWith("GPT-4");

        // Sign-out, as the web app's user menu does it.
        assertThat(send("POST", "/auth/logout", "{}", h).statusCode()).isIn(200, 204);
    }
}
