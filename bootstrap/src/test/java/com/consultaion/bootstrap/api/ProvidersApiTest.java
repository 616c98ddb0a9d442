package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.openai.FakeOpenAi;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A debate through the HTTP API on a configured OpenAI-compatible provider (a real local fake server): the
 * catalogue enables the provider's models, every call goes to the provider, its usage is charged, and a
 * provider error reaches the debate with provider, model, status and reason.
 */
class ProvidersApiTest {

    @Test
    void aDebateRunsOnAConfiguredProviderAndItsErrorsAreNamed() throws Exception {
        try (FakeOpenAi provider = new FakeOpenAi().otherwise(FakeOpenAi.obliging());
                EmbeddedServer server = TestServers.start(Map.of(
                        "consultaion.data-dir",
                        Files.createTempDirectory("consultaion-providers").toString(),
                        "consultaion.providers.openai.base-url",
                        provider.baseUrl(),
                        "consultaion.providers.openai.api-key",
                        "sk-test-never-logged",
                        "consultaion.providers.openai.max-retries",
                        1,
                        "consultaion.providers.openai.backoff-initial",
                        "10ms",
                        "consultaion.providers.openai.backoff-max",
                        "20ms"))) {
            TestHttp http = new TestHttp(server.getURI());
            String credentials =
                    "{\"email\": \"p-" + UUID.randomUUID() + "@example.com\", \"password\": \"correct-Horse-7\"}";
            assertThat(http.post("/auth/register", credentials).statusCode()).isEqualTo(201);
            String[] bearer = {
                "Authorization",
                "Bearer "
                        + TestService.field(
                                http.post("/auth/login", credentials).body(), "access_token")
            };

            assertThat(TestHttp.json(http.get("/models").body()).findValuesAsText("id"))
                    .contains("gpt-4o-mini", "local");
            assertThat(http.get("/models").body()).doesNotContain("mistral-large-latest"); // no such provider here
            assertThat(http.get("/readyz").body()).contains("gpt-4o-mini");

            HttpResponse<String> created = http.post(
                    "/debates",
                    "{\"prompt\": \"Should our library lend out tools as well as books? Ask ana.lopez@example.org or call"
                            + " +1 415 555 0100.\", \"model_id\": \"gpt-4o-mini\"}",
                    bearer);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = TestService.field(created.body(), "id");
            // A named model overrides the policy; the free plan's tier (standard) bounds the candidates.
            JsonNode named = TestHttp.json(created.body());
            assertThat(named.get("model_id").asText()).isEqualTo("gpt-4o-mini");
            assertThat(named.get("routed_model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(named.get("routing_policy").asText()).isEqualTo("router-smart");
            assertThat(named.findValue("requested_model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(created.body())
                    .contains("{\"model\":\"gpt-4o-mini\",\"total_score\":0.7675,\"cost_score\":0.625,"
                            + "\"latency_score\":1.0,\"quality_score\":0.75,\"safety_score\":0.7,\"is_healthy\":true}")
                    .doesNotContain("\"model\":\"gpt-4o\"", "\"model\":\"local\"");

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "completed"
                            .equals(TestHttp.field(
                                    http.get("/debates/" + id, bearer).body(), "status")));
            // Personal data never leaves the process: the provider sees placeholders.
            assertThat(provider.bodies.get(0)).contains("[EMAIL]", "[PHONE]");
            assertThat(String.join("\n", provider.bodies)).doesNotContain("ana.lopez@example.org", "555 0100");

            // Without a model, router-deep routes by quality first among the plan's tiers.
            HttpResponse<String> routed = http.post(
                    "/debates",
                    "{\"prompt\": \"Which tools should a library lend first?\", \"routing_policy\": \"router-deep\"}",
                    bearer);
            JsonNode deep = TestHttp.json(routed.body());
            assertThat(deep.get("routed_model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(deep.get("routing_policy").asText()).isEqualTo("router-deep");
            String routedId = TestService.field(routed.body(), "id");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "completed"
                            .equals(TestHttp.field(
                                    http.get("/debates/" + routedId, bearer).body(), "status")));

            // 3 drafts, 3 revisions, 6 verdicts, 1 synthesis per debate: every call went to the provider.
            assertThat(provider.requests()).isEqualTo(26);
            assertThat(provider.bodies)
                    .allSatisfy(b ->
                            assertThat(TestHttp.json(b).get("model").asText()).isEqualTo("gpt-4o-mini"));
            JsonNode events = TestHttp.json(http.get("/debates/" + id + "/events?after=0&limit=100", bearer)
                    .body());
            assertThat(events.findValuesAsText("provider")).contains("openai");
            assertThat(events.findValuesAsText("model")).contains("gpt-4o-mini");
            assertThat(events.findValuesAsText("type")).contains("score");
            JsonNode usage = TestHttp.json(
                            http.get("/billing/usage/models", bearer).body())
                    .get("items")
                    .get(0);
            assertThat(usage.get("model_id").asText()).isEqualTo("gpt-4o-mini");
            assertThat(usage.get("tokens_used").asLong()).isEqualTo(442); // 26 calls × (12 + 5)

            // A provider that refuses (HTTP 400) is named in the debate's failure events.
            provider.otherwise(FakeOpenAi.status(400, null));
            String failing = TestService.field(
                    http.post(
                                    "/debates",
                                    "{\"prompt\": \"Should our library open on Sundays?\", \"model_id\": \"gpt-4o-mini\"}",
                                    bearer)
                            .body(),
                    "id");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "failed"
                            .equals(TestHttp.field(
                                    http.get("/debates/" + failing, bearer).body(), "status")));
            assertThat(http.get("/debates/" + failing + "/events?after=0", bearer)
                            .body())
                    .contains("openai/gpt-4o-mini HTTP 400: scripted_400: scripted 400")
                    .doesNotContain("sk-test-never-logged");
        }
    }
}
