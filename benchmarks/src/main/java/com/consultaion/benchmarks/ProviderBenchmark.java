package com.consultaion.benchmarks;

import com.consultaion.adapter.llm.openai.FakeOpenAi;
import com.consultaion.adapter.llm.openai.OpenAiChatModel;
import com.consultaion.adapter.llm.openai.ProviderSettings;
import com.consultaion.application.port.out.ChatMessage;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.application.port.out.Telemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The provider adapter's own cost per call (the SDK client and the Failsafe policies) against a local fake
 * OpenAI-compatible server answering at once, next to a bare JDK HTTP client sending the same request; then
 * calls above the bulkhead's limit, which must queue rather than fail. Bounded loops; prints numbers.
 */
public final class ProviderBenchmark {

    private static final String BODY =
            "{\"model\":\"m1\",\"messages\":[{\"role\":\"system\",\"content\":\"You are A.\"},"
                    + "{\"role\":\"user\",\"content\":\"What now?\"}],\"temperature\":0.5,\"max_completion_tokens\":100}";

    private ProviderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        try (FakeOpenAi server = new FakeOpenAi()) {
            ChatRequest request = new ChatRequest(
                    "m1",
                    ChatTask.DRAFT,
                    List.of(ChatMessage.system("You are A."), ChatMessage.user("What now?")),
                    0.5,
                    100);
            try (HttpClient http = HttpClient.newHttpClient();
                    OpenAiChatModel model = adapter(server, 64)) {
                HttpRequest raw = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer sk-bench")
                        .POST(HttpRequest.BodyPublishers.ofString(BODY))
                        .build();
                for (int round = 1; round <= 3; round++) {
                    long[] bare = time(calls, () -> http.send(raw, HttpResponse.BodyHandlers.ofString()));
                    long[] adapter = time(calls, () -> model.complete(request).get(10, TimeUnit.SECONDS));
                    System.out.printf(
                            "round %d, %d sequential calls: bare JDK client p50 %.0f µs p99 %.0f µs | adapter p50 %.0f µs"
                                    + " p99 %.0f µs | overhead p50 %.0f µs%n",
                            round,
                            calls,
                            pct(bare, 50),
                            pct(bare, 99),
                            pct(adapter, 50),
                            pct(adapter, 99),
                            pct(adapter, 50) - pct(bare, 50));
                }
            }
            server.otherwise(FakeOpenAi.slow(Duration.ofMillis(50), FakeOpenAi.ok("queued")));
            try (OpenAiChatModel narrow = adapter(server, 8)) {
                List<CompletableFuture<ChatResponse>> burst = new ArrayList<>();
                long started = System.nanoTime();
                for (int i = 0; i < 64; i++) {
                    burst.add(narrow.complete(request));
                }
                int ok = 0;
                int failed = 0;
                for (CompletableFuture<ChatResponse> f : burst) {
                    try {
                        f.get(60, TimeUnit.SECONDS);
                        ok++;
                    } catch (ExecutionException e) {
                        failed++;
                    }
                }
                System.out.printf(
                        "bulkhead 8, 64 calls at once against a 50 ms server: %d answered, %d failed, at most %d in"
                                + " flight at the server, %d ms in all%n",
                        ok, failed, server.maxInFlight.get(), (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private static OpenAiChatModel adapter(FakeOpenAi server, int maxConcurrent) {
        ProviderSettings defaults = ProviderSettings.of("bench", server.baseUrl(), "sk-bench");
        return new OpenAiChatModel(
                new ProviderSettings(
                        "bench",
                        server.baseUrl(),
                        "sk-bench",
                        Map.of(),
                        Duration.ofSeconds(10),
                        defaults.maxRetries(),
                        defaults.backoffInitial(),
                        defaults.backoffMax(),
                        defaults.breakerFailureRatio(),
                        defaults.breakerMinimumCalls(),
                        defaults.breakerWindow(),
                        defaults.breakerOpenFor(),
                        maxConcurrent,
                        Duration.ofSeconds(60)),
                m -> new ChatModel.ModelInfo(m, "bench", 0, 0),
                Telemetry.NONE);
    }

    interface Call {
        Object run() throws Exception;
    }

    private static long[] time(int calls, Call call) throws Exception {
        for (int i = 0; i < Math.min(500, calls); i++) {
            call.run(); // warm-up
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }
}
