package com.consultaion.adapter.llm.openai;

import static com.consultaion.adapter.llm.openai.FakeOpenAi.dropMidBody;
import static com.consultaion.adapter.llm.openai.FakeOpenAi.empty;
import static com.consultaion.adapter.llm.openai.FakeOpenAi.malformed;
import static com.consultaion.adapter.llm.openai.FakeOpenAi.ok;
import static com.consultaion.adapter.llm.openai.FakeOpenAi.slow;
import static com.consultaion.adapter.llm.openai.FakeOpenAi.status;
import static com.consultaion.adapter.llm.openai.FakeOpenAi.withoutUsage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.application.port.out.ChatMessage;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.TokenSink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider adapter against a real local HTTP server: answers, retries, breaker, bulkhead, timeouts, errors. */
class OpenAiChatModelTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Telemetry telemetry = new Telemetry() {
        @Override
        public void modelRetried(String provider, String model, String reason) {
            events.add("retry " + reason);
        }

        @Override
        public void circuitChanged(String provider, String model, String state) {
            events.add("circuit " + state);
        }
    };
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private FakeOpenAi server() throws Exception {
        FakeOpenAi server = new FakeOpenAi();
        open.add(server);
        return server;
    }

    private OpenAiChatModel model(FakeOpenAi server, int retries, Duration timeout, int maxConcurrent) {
        ProviderSettings settings = new ProviderSettings(
                "fake",
                server.baseUrl(),
                "sk-test-secret",
                Map.of("X-Title", "consultaion-test"),
                timeout,
                retries,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                0.5,
                4,
                Duration.ofSeconds(30),
                Duration.ofMillis(300),
                maxConcurrent,
                Duration.ofSeconds(20));
        OpenAiChatModel model =
                new OpenAiChatModel(settings, m -> new ChatModel.ModelInfo(m, "fake", 0.5, 1.5), telemetry);
        open.add(model);
        return model;
    }

    private OpenAiChatModel model(FakeOpenAi server) {
        return model(server, 2, Duration.ofSeconds(5), 8);
    }

    private static ChatRequest request() {
        return new ChatRequest(
                "m1",
                ChatTask.DRAFT,
                List.of(ChatMessage.system("You are A."), ChatMessage.user("What now?")),
                0.5,
                100);
    }

    private static ChatResponse call(ChatModel model) throws Exception {
        return model.complete(request()).get(30, TimeUnit.SECONDS);
    }

    private static ChatModelException failure(ChatModel model) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> call(model))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> thrown[0] = e.getCause());
        assertThat(thrown[0]).isInstanceOf(ChatModelException.class);
        return (ChatModelException) thrown[0];
    }

    @Test
    void anAnswerCarriesTheProvidersUsageAndTheRequestItsSettings() throws Exception {
        FakeOpenAi server = server();

        ChatResponse r = call(model(server));

        assertThat(r.content()).isEqualTo("Hello from the fake provider.");
        assertThat(r.provider()).isEqualTo("fake");
        assertThat(r.usage().inputTokens()).isEqualTo(12);
        assertThat(r.usage().outputTokens()).isEqualTo(5);
        assertThat(r.usage().estimated()).isFalse();
        assertThat(r.usage().costUsd()).isEqualTo(12 / 1000.0 * 0.5 + 5 / 1000.0 * 1.5);
        assertThat(server.bodies.get(0)).contains("\"model\":\"m1\"", "\"temperature\":0.5", "You are A.", "What now?");
    }

    /** A sink that records what it hears: each piece, and "<restart>" for a restart. */
    private static final class Recorder implements TokenSink {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void text(String delta) {
            heard.add(delta);
        }

        @Override
        public void restart() {
            heard.add("<restart>");
        }
    }

    @Test
    void theAnswerIsStreamedPieceByPieceAndStillCarriesTheUsage() throws Exception {
        FakeOpenAi server = server().otherwise(ok("Streamed answer in five pieces."));
        Recorder sink = new Recorder();

        ChatResponse r = model(server).complete(request(), sink).get(30, TimeUnit.SECONDS);

        assertThat(server.bodies.get(0)).contains("\"stream\":true", "\"include_usage\":true");
        assertThat(sink.heard).containsExactly("Streamed ", "answer ", "in ", "five ", "pieces.");
        assertThat(r.content()).isEqualTo("Streamed answer in five pieces.");
        assertThat(r.usage().outputTokens()).isEqualTo(5);
        assertThat(r.usage().estimated()).isFalse();
    }

    @Test
    void aRetryAfterPartialOutputIsARestartOfThatMessage() throws Exception {
        FakeOpenAi server = server().then(FakeOpenAi.partialThenDrop("Half an")).otherwise(ok("Whole answer."));
        Recorder sink = new Recorder();

        ChatResponse r = model(server).complete(request(), sink).get(30, TimeUnit.SECONDS);

        assertThat(server.requests()).isEqualTo(2);
        assertThat(sink.heard).containsExactly("Half ", "an", "<restart>", "Whole ", "answer.");
        assertThat(r.content()).isEqualTo("Whole answer.");
    }

    /** Regression: assistant turns went out as user messages, so the model read its own words as the user's. */
    @Test
    void eachMessageKeepsItsRole() throws Exception {
        FakeOpenAi server = server();
        ChatRequest conversation = new ChatRequest(
                "m1",
                ChatTask.DRAFT,
                List.of(
                        ChatMessage.system("You are A."),
                        ChatMessage.user("What now?"),
                        new ChatMessage(ChatMessage.Role.ASSISTANT, "Earlier answer."),
                        ChatMessage.user("And then?")),
                0.5,
                100);

        model(server).complete(conversation).get(30, TimeUnit.SECONDS);

        JsonNode messages = new ObjectMapper().readTree(server.bodies.get(0)).get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.findValuesAsText("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("Earlier answer.");
    }

    @Test
    void usageIsEstimatedAndSaidToBeWhenTheProviderReportsNone() throws Exception {
        ChatResponse r = call(model(server().then(withoutUsage("Short answer."))));

        assertThat(r.usage().estimated()).isTrue();
        assertThat(r.usage().outputTokens()).isPositive();
    }

    @Test
    void transientFailuresAreRetriedUntilAnAnswer() throws Exception {
        FakeOpenAi server = server().then(status(500, null), status(503, null), dropMidBody());

        ChatResponse r = call(model(server, 3, Duration.ofSeconds(5), 8));

        assertThat(r.content()).isEqualTo("Hello from the fake provider.");
        assertThat(server.requests()).isEqualTo(4);
        // (3 failures in 4 calls also reach this test breaker's threshold: 50% of at least 4 calls.)
        assertThat(events).startsWith("retry http_500", "retry http_503", "retry io");
    }

    @Test
    void aRateLimitIsRetriedAfterTheDelayTheProviderAsksForButNotWhenItAsksTooMuch() throws Exception {
        FakeOpenAi server = server().then(status(429, "0.05"));
        assertThat(call(model(server)).content()).isNotBlank();
        assertThat(server.requests()).isEqualTo(2);

        FakeOpenAi patient = server().then(status(429, "120"));
        ChatModelException e = failure(model(patient));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(patient.requests()).isEqualTo(1);

        assertThat(ProviderFailures.parseRetryAfter("2")).hasValue(Duration.ofSeconds(2));
        assertThat(ProviderFailures.parseRetryAfter("0.25")).hasValue(Duration.ofMillis(250));
        assertThat(ProviderFailures.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
                .hasValue(Duration.ZERO);
        assertThat(ProviderFailures.parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void otherClientErrorsAreNeverRetriedAndNameProviderModelStatusAndReason() throws Exception {
        FakeOpenAi server = server().then(status(400, null));

        ChatModelException e = failure(model(server));

        assertThat(server.requests()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo("fake/m1 HTTP 400: scripted_400: scripted 400");
        assertThat(e.getMessage()).doesNotContain("sk-test-secret", "What now?");
    }

    @Test
    void aServerErrorWithoutATypeOrWithoutJsonNamesProviderModelStatusAndTheProvidersMessage() throws Exception {
        FakeOpenAi server = server().then(
                        FakeOpenAi.raw(500, "{\"error\": {\"message\": \"upstream exploded, sorry\"}}"),
                        FakeOpenAi.raw(502, "{\"message\": \"bad gateway\"}"),
                        FakeOpenAi.raw(503, "<html>Service Unavailable</html>"));
        OpenAiChatModel model = model(server, 0, Duration.ofSeconds(5), 8);

        ChatModelException untyped = failure(model);
        assertThat(untyped.getMessage()).isEqualTo("fake/m1 HTTP 500: upstream exploded, sorry");
        assertThat(failure(model).getMessage()).isEqualTo("fake/m1 HTTP 502: bad gateway");
        ChatModelException html = failure(model);
        assertThat(html.httpStatus()).isEqualTo(503);
        assertThat(html.getMessage()).startsWith("fake/m1 HTTP 503").doesNotContain("InvalidData", "type is not set");
    }

    @Test
    void aRateLimitIsNeverRetriedBeforeTheDelayTheProviderAskedFor() throws Exception {
        FakeOpenAi server = server().then(status(429, "1"));

        assertThat(call(model(server)).content()).isNotBlank();

        assertThat(server.arrivals).hasSize(2);
        long waitedMs = (server.arrivals.get(1) - server.arrivals.get(0)) / 1_000_000;
        assertThat(waitedMs).isGreaterThanOrEqualTo(1000);
        assertThat(events).containsExactly("retry http_429");
    }

    @Test
    void anOpenCircuitIsReadyForATrialCallOnceItsOpenPeriodHasPassedWithoutAnyCallMeanwhile() throws Exception {
        FakeOpenAi server = server().then(status(500, null), status(500, null), status(500, null), status(500, null));
        OpenAiChatModel model = model(server, 0, Duration.ofSeconds(5), 8);
        for (int i = 0; i < 4; i++) {
            failure(model);
        }
        assertThat(model.circuit("m1")).isEqualTo(OpenAiChatModel.Circuit.OPEN);
        assertThat(model.openCircuits()).isEqualTo(1);

        // nobody calls (routing and the start check hold an unhealthy model back): the open period still ends
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> model.healthy("m1"));
        assertThat(model.circuit("m1")).isEqualTo(OpenAiChatModel.Circuit.HALF_OPEN);
        assertThat(model.openCircuits()).isZero();
        assertThat(server.requests()).isEqualTo(4);

        assertThat(call(model).content()).isNotBlank();
        assertThat(model.circuit("m1")).isEqualTo(OpenAiChatModel.Circuit.CLOSED);
        assertThat(events).containsSubsequence("circuit open", "circuit half_open", "circuit closed");
    }

    @Test
    void aResponseThatCannotBeReadOrSaysNothingIsAClearError() throws Exception {
        FakeOpenAi server = server().then(malformed(), empty());
        OpenAiChatModel model = model(server, 0, Duration.ofSeconds(5), 8);

        assertThat(failure(model).reason()).isEqualTo("the provider's response could not be read");
        assertThat(failure(model).reason()).isEqualTo("the provider returned an empty completion");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void anAttemptThatTakesTooLongIsCutAndReported() throws Exception {
        FakeOpenAi server = server().then(slow(Duration.ofSeconds(5), ok("late")));

        ChatModelException e = failure(model(server, 0, Duration.ofMillis(200), 8));

        assertThat(e.reason()).isEqualTo("no answer within 200 ms (per attempt, 1 attempts)");
        assertThat(e.httpStatus()).isNull();
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresThenLetsOneCallThroughAndCloses() throws Exception {
        FakeOpenAi server = server().then(status(500, null), status(500, null), status(500, null), status(500, null));
        OpenAiChatModel model = model(server, 0, Duration.ofSeconds(5), 8);
        for (int i = 0; i < 4; i++) {
            assertThat(failure(model).httpStatus()).isEqualTo(500);
        }

        ChatModelException refused = failure(model);
        assertThat(refused.reason()).isEqualTo("circuit open after repeated failures; calls resume shortly");
        assertThat(server.requests()).isEqualTo(4); // refused without calling the provider
        assertThat(model.healthy("m1")).isFalse();

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        return call(model).content() != null;
                    } catch (ExecutionException open) {
                        return false;
                    }
                });
        assertThat(model.healthy("m1")).isTrue();
        assertThat(events).containsSubsequence("circuit open", "circuit half_open", "circuit closed");
    }

    @Test
    void callsBeyondTheBulkheadWaitForASlotInsteadOfFailing() throws Exception {
        FakeOpenAi server = server().otherwise(slow(Duration.ofMillis(150), ok("queued")));
        OpenAiChatModel model = model(server, 0, Duration.ofSeconds(5), 2);

        List<CompletableFuture<ChatResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(model.complete(request()));
        }

        for (CompletableFuture<ChatResponse> c : calls) {
            assertThat(c.get(30, TimeUnit.SECONDS).content()).isEqualTo("queued");
        }
        assertThat(server.maxInFlight.get()).isEqualTo(2);
    }

    @Test
    void theKeyIsNeverInTheSettingsText() {
        ProviderSettings s = ProviderSettings.of("openai", "https://api.openai.com/v1", "sk-live-123");
        assertThat(s.toString()).doesNotContain("sk-live-123").contains("key set");
        assertThatThrownBy(() -> ProviderSettings.of("Open AI", "https://x/v1", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProviderSettings.of("x", "ftp://x/v1", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
