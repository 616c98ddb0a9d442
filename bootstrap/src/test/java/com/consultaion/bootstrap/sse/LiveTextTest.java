package com.consultaion.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.ContractValidator;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live text: while a model writes, a subscriber sees its answer grow (frames of type {@code delta}, without an
 * id), then the committed {@code message} with the whole text. Deltas are never stored: the events route and a
 * resume with {@code Last-Event-ID} give the committed events only.
 */
class LiveTextTest {

    private static EmbeddedServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of("consultaion.local-model.latency-ms", 400));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSubscriberSeesEachAnswerGrowThenTheCommittedMessage() throws Exception {
        String credentials =
                "{\"email\": \"live-" + UUID.randomUUID() + "@example.com\", \"password\":" + " \"correct-Horse-7\"}";
        http.post("/auth/register", credentials);
        String[] bearer = {
            "Authorization",
            "Bearer " + TestHttp.field(http.post("/auth/login", credentials).body(), "access_token")
        };
        String id = TestHttp.field(
                http.post("/debates", "{\"prompt\": \"Should the town library open on Sundays?\"}", bearer)
                        .body(),
                "id");

        SseClient.Result stream = SseClient.read(
                server.getURI().resolve("/debates/" + id + "/stream"), Duration.ofSeconds(60), 10_000, bearer);

        // Every frame keeps the OpenAPI description's promise: a stored event or a live piece.
        stream.frames().stream()
                .filter(f -> f.data() != null)
                .forEach(f -> ContractValidator.validate(
                        "delta".equals(f.event()) ? "LiveDelta" : "DebateEvent", TestHttp.json(f.data())));
        List<SseClient.Frame> deltas =
                stream.frames().stream().filter(f -> "delta".equals(f.event())).toList();
        assertThat(deltas).isNotEmpty().allSatisfy(f -> assertThat(f.id()).isNull());
        // Per call, the pieces in order; a critique's call began after the stream opened, so all of it is here.
        Map<String, StringBuilder> byCall = new LinkedHashMap<>();
        Map<String, String> speakerOf = new LinkedHashMap<>();
        Map<String, String> taskOf = new LinkedHashMap<>();
        for (SseClient.Frame f : deltas) {
            JsonNode d = TestHttp.json(f.data());
            assertThat(d.get("debate_id").asText()).isEqualTo(id);
            String call = d.get("call").asText();
            byCall.computeIfAbsent(call, k -> new StringBuilder())
                    .append(d.get("text").asText());
            speakerOf.put(call, d.get("speaker").asText());
            taskOf.put(call, d.get("task").asText());
        }
        List<JsonNode> critiques = new ArrayList<>();
        for (SseClient.Frame f : stream.frames()) {
            if ("message".equals(f.event()) && "critique".equals(TestHttp.field(f.data(), "phase"))) {
                critiques.add(TestHttp.json(f.data()));
            }
        }
        assertThat(critiques).isNotEmpty();
        for (JsonNode message : critiques) {
            String speaker = message.get("agent").asText();
            String streamed = byCall.entrySet().stream()
                    .filter(e -> speaker.equals(speakerOf.get(e.getKey())) && "critique".equals(taskOf.get(e.getKey())))
                    .map(e -> e.getValue().toString())
                    .findFirst()
                    .orElse(null);
            assertThat(streamed).as(speaker).isEqualTo(message.get("content").asText());
        }
        // Judges and the synthesis stream too; nothing streams after the final event.
        assertThat(taskOf.values()).contains("draft", "critique", "judge", "synthesis");
        SseClient.Frame last = stream.frames().get(stream.frames().size() - 1);
        assertThat(last.event()).isEqualTo("final");

        // Never stored: the stored events and a resume hold no delta.
        JsonNode events = TestHttp.json(
                http.get("/debates/" + id + "/events?limit=1000", bearer).body());
        events.get("items").forEach(e -> assertThat(e.get("type").asText()).isNotEqualTo("delta"));
        SseClient.Result resumed = SseClient.read(
                server.getURI().resolve("/debates/" + id + "/stream"),
                Duration.ofSeconds(10),
                10_000,
                bearer[0],
                bearer[1],
                "Last-Event-ID",
                "2");
        assertThat(resumed.frames()).noneMatch(f -> "delta".equals(f.event()));
    }
}
