package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.openai.FakeOpenAi;
import com.consultaion.bootstrap.TestHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider faults through the whole service, against a local OpenAI-protocol fake: a breaker that opens and
 * recovers, and what every listing says meanwhile.
 */
class ProviderFaultsTest {

    private FakeOpenAi provider;
    private EmbeddedServer server;
    private TestHttp http;
    private String[] bearer;

    private void start(Map<String, Object> overrides) throws IOException {
        provider = new FakeOpenAi().otherwise(FakeOpenAi.obliging());
        Map<String, Object> settings = new HashMap<>(Map.of(
                "micronaut.server.port",
                -1,
                "consultaion.data-dir",
                Files.createTempDirectory("consultaion-faults").toString(),
                "consultaion.security.pbkdf2-iterations",
                10_000,
                "consultaion.providers.openai.base-url",
                provider.baseUrl(),
                "consultaion.providers.openai.api-key",
                "sk-test",
                "consultaion.providers.openai.backoff-initial",
                "10ms",
                "consultaion.providers.openai.backoff-max",
                "20ms"));
        settings.putAll(overrides);
        server = ApplicationContext.run(EmbeddedServer.class, settings);
        http = new TestHttp(server.getURI());
        String credentials =
                "{\"email\": \"f-" + UUID.randomUUID() + "@example.com\", \"password\": \"correct-Horse-7\"}";
        assertThat(http.post("/auth/register", credentials).statusCode()).isEqualTo(201);
        bearer = new String[] {
            "Authorization",
            "Bearer " + TestService.field(http.post("/auth/login", credentials).body(), "access_token")
        };
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private String status(String id) {
        return TestService.field(http.get("/debates/" + id, bearer).body(), "status");
    }

    private String awaitEnd(String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !status(id).equals("queued") && !status(id).equals("running"));
        return status(id);
    }

    private String circuit(String model) {
        String models = http.get("/models").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "\\{\"id\":\"" + java.util.regex.Pattern.quote(model) + "\"[^}]*\"circuit_state\":\"(\\w+)\"")
                .matcher(models);
        return m.find() ? m.group(1) : "missing";
    }

    @Test
    void aModelWhoseBreakerOpenedIsUsableAgainWithinOneOpenPeriodOfTheProvidersRecovery() throws Exception {
        start(Map.of(
                "consultaion.providers.openai.max-retries", 0,
                "consultaion.providers.openai.breaker-minimum-calls", 2,
                "consultaion.providers.openai.breaker-open-for", "1500ms"));
        provider.otherwise(FakeOpenAi.status(500, null));
        String named = "{\"prompt\": \"Should the library open on Sundays?\", \"model_id\": \"gpt-4o-mini\"}";

        String failing = TestService.field(http.post("/debates", named, bearer).body(), "id");
        assertThat(awaitEnd(failing)).isEqualTo("failed");
        assertThat(circuit("gpt-4o-mini")).isEqualTo("open");
        HttpResponse<String> refused = http.post("/debates", named, bearer);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("model.unavailable");
        assertThat(http.get("/models").body()).contains("\"id\":\"gpt-4o-mini\"");
        assertThat(http.get("/readyz").body()).doesNotContain("gpt-4o-mini");

        provider.otherwise(FakeOpenAi.obliging());
        long recovered = System.nanoTime();
        // no restart, no call in between: once the open period is over the model is offered for a trial again
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !circuit("gpt-4o-mini").equals("open"));
        assertThat((System.nanoTime() - recovered) / 1_000_000).isLessThanOrEqualTo(1500 + 1000);
        assertThat(http.get("/readyz").body()).contains("gpt-4o-mini");
        HttpResponse<String> again = http.post("/debates", named, bearer);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(awaitEnd(TestService.field(again.body(), "id"))).isEqualTo("completed");
        assertThat(circuit("gpt-4o-mini")).isEqualTo("closed");
    }
}
