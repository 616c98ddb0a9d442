package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.openai.FakeOpenAi;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.consultaion.bootstrap.sse.SseClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider faults through the whole service, against a local OpenAI-protocol fake: a breaker that opens and
 * recovers, and what every listing says meanwhile.
 */
class ProviderFaultsTest {

    /** An override's value that stands for the fake provider's base URL. */
    private static final String FAKE = "fake-provider-url";

    private FakeOpenAi provider;
    private EmbeddedServer server;
    private TestHttp http;
    private String[] bearer;

    private void start(Map<String, Object> overrides) throws IOException {
        provider = new FakeOpenAi().otherwise(FakeOpenAi.obliging());
        Map<String, Object> settings = new HashMap<>(Map.of(
                "consultaion.providers.openai.base-url",
                provider.baseUrl(),
                "consultaion.providers.openai.api-key",
                "sk-test",
                "consultaion.providers.openai.backoff-initial",
                "10ms",
                "consultaion.providers.openai.backoff-max",
                "20ms"));
        overrides.forEach((k, v) -> settings.put(k, FAKE.equals(v) ? provider.baseUrl() : v));
        server = TestServers.start(settings);
        http = new TestHttp(server.getURI());
        bearer = TestServers.signIn(server, false);
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
        Matcher m = Pattern.compile("\\{\"id\":\"" + Pattern.quote(model) + "\"[^}]*\"circuit_state\":\"(\\w+)\"")
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
        // the metric says so too, before any call moved the breaker (it stayed 2 until a restart)
        assertThat(http.get("/prometheus", TestServers.signIn(server, true)).body())
                .containsPattern("consultaion_llm_circuit_state\\{[^}]*model=\"gpt-4o-mini\"[^}]*} 1\\.0");
        HttpResponse<String> again = http.post("/debates", named, bearer);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(awaitEnd(TestService.field(again.body(), "id"))).isEqualTo("completed");
        assertThat(circuit("gpt-4o-mini")).isEqualTo("closed");
    }

    /** One fault on the first call of a debate; {@code fellBack}: the reason a fallback event must give, if any. */
    private record Fault(String name, FakeOpenAi.Behaviour behaviour, String fellBack) {}

    /**
     * Each fault a provider can produce, on the first call of a debate (a draft): transient ones are retried and
     * the debate completes as if nothing happened; the others are not retried, the model of its tier that stands in
     * answers, and a fallback event names provider, model, status and cause. Either way one request more, and the
     * breaker stays closed.
     */
    @Test
    void eachProviderFaultIsRetriedOrReportedAsItsKindRequires() throws Exception {
        start(Map.of("consultaion.providers.openai.max-retries", 1, "consultaion.providers.openai.timeout", "1s"));
        FakeOpenAi.Behaviour ok = FakeOpenAi.obliging();
        List<Fault> faults = List.of(
                new Fault("429 with Retry-After", FakeOpenAi.status(429, "1"), null),
                new Fault("500 with a type", FakeOpenAi.status(500, null), null),
                new Fault("500 without a type", FakeOpenAi.raw(500, "{\"error\": {\"message\": \"boom\"}}"), null),
                new Fault("dropped mid-body", FakeOpenAi.dropMidBody(), null),
                new Fault(
                        "400", FakeOpenAi.status(400, null), "openai/gpt-4o-mini HTTP 400: scripted_400: scripted 400"),
                new Fault(
                        "malformed JSON",
                        FakeOpenAi.malformed(),
                        "openai/gpt-4o-mini: the provider's response could not be read"),
                // last, on a warm service: the first calls of a cold JVM may themselves take near the timeout
                new Fault("slow beyond the timeout", FakeOpenAi.slow(Duration.ofSeconds(5), ok), null));
        List<String> wrong = new ArrayList<>();
        for (Fault fault : faults) {
            int before = provider.requests();
            provider.then(fault.behaviour());
            String id = TestService.field(
                    http.post(
                                    "/debates",
                                    "{\"prompt\": \"Should the library lend out tools?\", \"model_id\": \"gpt-4o-mini\","
                                            + " \"config\": {\"rounds\": 0}}",
                                    bearer)
                            .body(),
                    "id");
            String status = awaitEnd(id);
            String events = http.get("/debates/" + id + "/events?after=0&limit=200", bearer)
                    .body();
            int requests = provider.requests() - before;
            // 3 drafts, 6 verdicts, 1 synthesis, and the faulty call's retry or stand-in
            int expected = 11;
            boolean reported = !events.contains("\"type\":\"agent_failed\"")
                    && (fault.fellBack() == null
                            ? !events.contains("\"type\":\"fallback\"")
                            : events.contains("\"type\":\"fallback\"") && events.contains(fault.fellBack()));
            if (!status.equals("completed") || requests != expected || !reported) {
                wrong.add(fault.name() + ": " + status + ", " + requests + " requests (expected completed, " + expected
                        + "), events as expected: " + reported);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(circuit("gpt-4o-mini")).isEqualTo("closed");
    }

    /** Fails every call to {@code model} with a 500; answers the others like an obliging model. */
    private static FakeOpenAi.Behaviour failing(String model) {
        FakeOpenAi.Behaviour ok = FakeOpenAi.obliging();
        FakeOpenAi.Behaviour fail = FakeOpenAi.status(500, null);
        return (exchange, body) -> (body.contains("\"model\":\"" + model + "\"") ? fail : ok).respond(exchange, body);
    }

    @Test
    void everySubstitutionFollowsTheConfiguredOrderAndIsAnnouncedOnceAndListedInTheFinalMeta() throws Exception {
        // a second provider on the same fake: the failed model's same-tier alternatives then include another
        // provider's model, which the old code preferred to the configured second synthesiser
        start(Map.of(
                "consultaion.providers.openai.max-retries",
                0,
                "consultaion.providers.groq.base-url",
                FAKE,
                "consultaion.providers.groq.api-key",
                "gsk-test",
                "consultaion.providers.groq.max-retries",
                0));
        provider.otherwise(failing("gpt-4.1-mini"));

        HttpResponse<String> created = http.post(
                "/debates",
                "{\"prompt\": \"Should the library lend out tools?\", \"config\": {\"rounds\": 0, \"agents\": ["
                        + "{\"name\": \"Ann\", \"model\": \"gpt-4o-mini\"}, {\"name\": \"Bob\", \"model\": \"gpt-4o-mini\"}],"
                        + " \"judges\": [{\"name\": \"Jude\", \"model\": \"gpt-4.1-mini\"}],"
                        + " \"synthesizers\": [\"gpt-4.1-mini\", \"gpt-4o-mini\"]}}",
                bearer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestService.field(created.body(), "id");
        assertThat(awaitEnd(id)).isEqualTo("completed");

        String events =
                http.get("/debates/" + id + "/events?after=0&limit=200", bearer).body();
        List<String> fallbacks = new ArrayList<>();
        Matcher m = Pattern.compile("\"type\":\"fallback\"[^}]*\"from\":\"([^\"]+)\",\"to\":\"([^\"]+)\"")
                .matcher(events);
        while (m.find()) {
            fallbacks.add(m.group(1) + " -> " + m.group(2));
        }
        // the judge's two calls fell back to another provider's model of its tier; the synthesis to the
        // configured second synthesiser, not to an unconfigured model
        assertThat(fallbacks)
                .containsExactly(
                        "gpt-4.1-mini -> llama-3.1-8b-instant",
                        "gpt-4.1-mini -> llama-3.1-8b-instant",
                        "gpt-4.1-mini -> gpt-4o-mini");
        String debate = http.get("/debates/" + id, bearer).body();
        assertThat(debate).contains("\"synthesizer\":{\"model\":\"gpt-4o-mini\"");
        assertThat(debate).contains("\"fallbacks\":[{");
        assertThat(debate.split("\"from\":\"gpt-4.1-mini\"", -1)).hasSize(4); // three listed in final_meta
    }

    @Test
    void whenTheIndependentJudgesFailTheSameModelJudgeScoresInsteadAndTheDebateSaysSo() throws Exception {
        start(Map.of("consultaion.providers.openai.max-retries", 0));
        provider.otherwise(FakeOpenAi.status(500, null));
        HttpResponse<String> created = http.post(
                "/debates",
                "{\"prompt\": \"Should the library lend out tools?\", \"config\": {\"rounds\": 0, \"agents\": ["
                        + "{\"name\": \"Ann\", \"model\": \"local\"}, {\"name\": \"Bob\", \"model\": \"local\"}],"
                        + " \"judges\": [{\"name\": \"Home\", \"model\": \"local\"},"
                        + " {\"name\": \"Away\", \"model\": \"gpt-4o-mini\"}], \"synthesizers\": [\"local\"]}}",
                bearer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestService.field(created.body(), "id");

        assertThat(awaitEnd(id)).isEqualTo("completed"); // was completed_with_warnings: judging_failed
        String debate = http.get("/debates/" + id, bearer).body();
        assertThat(debate)
                .contains("\"self_judged\":[{")
                .contains("\"judge\":\"Home\"")
                .doesNotContain("judging_failed");
        String events =
                http.get("/debates/" + id + "/events?after=0&limit=200", bearer).body();
        assertThat(events).contains("scored it instead (self_judged)").contains("\"type\":\"score\"");
        assertThat(events.split("\"type\":\"score\"", -1)).hasSize(3); // Home scored Ann and Bob
    }

    private static List<String> types(SseClient.Result r) {
        return r.frames().stream()
                .filter(f -> f.event() != null)
                .map(SseClient.Frame::event)
                .toList();
    }

    /**
     * The deadline cuts the judges short: the debate fails and its judge stage is not a checkpoint. Retried, it
     * judges again and completes with scores; its stream is the first run, its terminal event, {@code
     * debate_retried} and the new run up to the latest terminal event — for a subscriber that watched the first
     * run, for a fresh replay and for one resuming with Last-Event-ID across the retry.
     */
    @Test
    void aStageCutByTheDeadlineIsRunAgainOnRetryAndTheStreamGoesOnToTheLatestRunsEnd() throws Exception {
        start(Map.of("consultaion.providers.openai.max-retries", 0));
        AtomicBoolean slowJudges = new AtomicBoolean(true);
        FakeOpenAi.Behaviour quick = FakeOpenAi.obliging();
        FakeOpenAi.Behaviour slow = FakeOpenAi.slow(Duration.ofSeconds(8), quick);
        provider.otherwise((exchange, body) ->
                (slowJudges.get() && body.contains("Criteria:") ? slow : quick).respond(exchange, body));
        HttpResponse<String> created = http.post(
                "/debates",
                "{\"prompt\": \"Should the library open a repair cafe?\", \"model_id\": \"gpt-4o-mini\","
                        + " \"config\": {\"rounds\": 0, \"deadline_seconds\": 5}}",
                bearer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestService.field(created.body(), "id");
        URI stream = server.getURI().resolve("/debates/" + id + "/stream");
        var firstWatcher = CompletableFuture.supplyAsync(() -> read(stream));

        assertThat(awaitEnd(id)).isEqualTo("failed");
        SseClient.Result first = firstWatcher.get(30, TimeUnit.SECONDS);
        assertThat(types(first)).last().isEqualTo("debate_failed");
        assertThat(types(first)).doesNotContain("score", "final");
        assertThat(http.get("/debates/" + id, bearer).body()).contains("deadline_exceeded");
        String failedSeq = first.frames().getLast().id();

        slowJudges.set(false);
        assertThat(http.post("/debates/" + id + "/retry", "", bearer).statusCode())
                .isEqualTo(202);
        var replay = CompletableFuture.supplyAsync(() -> read(stream));
        var resumed = CompletableFuture.supplyAsync(() -> read(stream, "Last-Event-ID", failedSeq));

        assertThat(awaitEnd(id)).isEqualTo("completed");
        SseClient.Result whole = replay.get(30, TimeUnit.SECONDS);
        SseClient.Result after = resumed.get(30, TimeUnit.SECONDS);
        List<String> all = types(whole);
        assertThat(all.subList(0, all.indexOf("debate_failed") + 2)).endsWith("debate_failed", "debate_retried");
        assertThat(all).last().isEqualTo("final");
        assertThat(all)
                .filteredOn(t -> t.equals("final") || t.equals("debate_failed"))
                .hasSize(2);
        assertThat(all.subList(all.indexOf("debate_retried"), all.size())).contains("score", "ranking");
        List<Long> seqs = whole.frames().stream()
                .filter(f -> f.id() != null)
                .map(f -> Long.parseLong(f.id()))
                .toList();
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        assertThat(types(after)).first().isEqualTo("debate_retried");
        assertThat(types(after)).last().isEqualTo("final");
        assertThat(after.frames().stream()
                        .filter(f -> f.id() != null)
                        .findFirst()
                        .orElseThrow()
                        .id())
                .isEqualTo(Long.toString(Long.parseLong(failedSeq) + 1));
        String debate = http.get("/debates/" + id, bearer).body();
        assertThat(debate).contains("\"status\":\"completed\"").contains("\"scores\":{");
    }

    private SseClient.Result read(URI stream, String... extra) {
        String[] headers =
                Stream.concat(Arrays.stream(bearer), Arrays.stream(extra)).toArray(String[]::new);
        try {
            return SseClient.read(stream, Duration.ofSeconds(40), 10_000, headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
