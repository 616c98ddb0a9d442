package com.consultaion.bootstrap.observability;

import static com.consultaion.bootstrap.TestHttp.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One debate is one trace: the caller's {@code traceparent} → the HTTP request's span → the debate's run (on the
 * worker) → a span per stage → a span per model call; attributes name models and tokens, never the prompt.
 */
class TracingTest {

    private static final String PROMPT = "Should the museum open late on Thursdays for students?";
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void aDebateIsOneTraceFromTheCallerToEveryModelCall() throws Exception {
        try (EmbeddedServer server = TestServers.start(Map.of(
                "consultaion.data-dir",
                Files.createTempDirectory("consultaion-tracing").toString(),
                "consultaion.tracing.exporter",
                "memory"))) {
            TestHttp http = new TestHttp(server.getURI());
            String credentials = "{\"email\": \"trace-" + UUID.randomUUID() + "@example.com\", \"password\": "
                    + "\"correct-Horse-7\"}";
            assertThat(http.post("/auth/register", credentials).statusCode()).isEqualTo(201);
            String token = field(http.post("/auth/login", credentials).body(), "access_token");

            HttpResponse<String> created = http.post(
                    "/debates",
                    "{\"prompt\": \"" + PROMPT + "\"}",
                    "Authorization",
                    "Bearer " + token,
                    "traceparent",
                    "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
            assertThat(created.statusCode()).isEqualTo(201);
            String id = field(created.body(), "id");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/debates/" + id, "Authorization", "Bearer " + token)
                            .body()
                            .contains("\"status\":\"completed\""));
            SdkTracerProvider provider = server.getApplicationContext().getBean(SdkTracerProvider.class);
            InMemorySpanExporter exporter = server.getApplicationContext().getBean(InMemorySpanExporter.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                provider.forceFlush().join(5, TimeUnit.SECONDS);
                return exporter.getFinishedSpanItems().stream()
                        .anyMatch(s -> s.getName().equals("debate.run"));
            });

            List<SpanData> trace = exporter.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(CALLER_TRACE))
                    .toList();
            SpanData request = only(trace, "POST /debates");
            assertThat(request.getParentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(request.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(201L);
            SpanData run = only(trace, "debate.run");
            assertThat(run.getParentSpanId()).isEqualTo(request.getSpanId());
            assertThat(run.getAttributes().get(AttributeKey.stringKey("debate.id")))
                    .isEqualTo(id);
            assertThat(run.getAttributes().get(AttributeKey.stringKey("debate.status")))
                    .isEqualTo("completed");
            List<SpanData> stages = trace.stream()
                    .filter(s -> s.getName().equals("debate.stage"))
                    .toList();
            assertThat(stages)
                    .extracting(s -> s.getAttributes().get(AttributeKey.stringKey("stage.name")))
                    .containsExactlyInAnyOrder("draft", "critique-1", "judge", "synthesis");
            assertThat(stages).allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(run.getSpanId()));
            List<String> stageIds = stages.stream().map(SpanData::getSpanId).toList();
            List<SpanData> calls =
                    trace.stream().filter(s -> s.getName().equals("llm.call")).toList();
            assertThat(calls).hasSize(3 + 3 + 6 + 1); // drafts, revisions, 2 judges × 3 candidates, synthesis
            assertThat(calls).allSatisfy(c -> {
                assertThat(stageIds).contains(c.getParentSpanId());
                assertThat(c.getAttributes().get(AttributeKey.stringKey("llm.model")))
                        .isEqualTo("local");
                assertThat(c.getAttributes().get(AttributeKey.stringKey("llm.outcome")))
                        .isEqualTo("ok");
                assertThat(c.getAttributes().get(AttributeKey.longKey("llm.output_tokens")))
                        .isPositive();
            });
            // Never the prompt, in any attribute of any span.
            assertThat(exporter.getFinishedSpanItems())
                    .allSatisfy(s -> assertThat(s.getAttributes().toString()).doesNotContain("museum"));
        }
    }

    private static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> found =
                spans.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }
}
