package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.openai.FakeOpenAi;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
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

            assertThat(http.get("/models").body()).contains("\"id\":\"gpt-4o-mini\"", "\"id\":\"local\"");
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
            assertThat(created.body())
                    .contains("\"model_id\":\"gpt-4o-mini\"", "\"routed_model\":\"gpt-4o-mini\"")
                    .contains("\"routing_policy\":\"router-smart\"", "\"requested_model\":\"gpt-4o-mini\"")
                    .contains("{\"model\":\"gpt-4o-mini\",\"total_score\":0.7675,\"cost_score\":0.625,"
                            + "\"latency_score\":1.0,\"quality_score\":0.75,\"safety_score\":0.7,\"is_healthy\":true}")
                    .doesNotContain("\"model\":\"gpt-4o\"", "\"model\":\"local\"");

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/debates/" + id, bearer).body().contains("\"status\":\"completed\""));
            // Personal data never leaves the process: the provider sees placeholders.
            assertThat(provider.bodies.get(0)).contains("[EMAIL]", "[PHONE]");
            assertThat(String.join("\n", provider.bodies)).doesNotContain("ana.lopez@example.org", "555 0100");

            // Without a model, router-deep routes by quality first among the plan's tiers.
            HttpResponse<String> routed = http.post(
                    "/debates",
                    "{\"prompt\": \"Which tools should a library lend first?\", \"routing_policy\": \"router-deep\"}",
                    bearer);
            assertThat(routed.body())
                    .contains("\"routed_model\":\"gpt-4o-mini\"", "\"routing_policy\":\"router-deep\"");
            String routedId = TestService.field(routed.body(), "id");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/debates/" + routedId, bearer).body().contains("\"status\":\"completed\""));

            // 3 drafts, 3 revisions, 6 verdicts, 1 synthesis per debate: every call went to the provider.
            assertThat(provider.requests()).isEqualTo(26);
            assertThat(provider.bodies).allSatisfy(b -> assertThat(b).contains("\"model\":\"gpt-4o-mini\""));
            String events = http.get("/debates/" + id + "/events?after=0&limit=100", bearer)
                    .body();
            assertThat(events).contains("\"provider\":\"openai\"", "\"model\":\"gpt-4o-mini\"", "\"type\":\"score\"");
            assertThat(http.get("/billing/usage/models", bearer).body())
                    .contains("\"model_id\":\"gpt-4o-mini\"", "\"tokens_used\":442"); // 26 calls × (12 + 5)

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
                    .until(() -> http.get("/debates/" + failing, bearer).body().contains("\"status\":\"failed\""));
            assertThat(http.get("/debates/" + failing + "/events?after=0", bearer)
                            .body())
                    .contains("openai/gpt-4o-mini HTTP 400: scripted_400: scripted 400")
                    .doesNotContain("sk-test-never-logged");
        }
    }
}
