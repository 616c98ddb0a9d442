package com.consultaion.bootstrap.api;

import static com.consultaion.bootstrap.TestHttp.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bursts against a small pool: every stream open and every debate start does several database round trips, and
 * with two connections that each caller may wait 250 ms for, a burst used to end in 503s. The admission gates
 * let one open and one start at a time touch the database and queue the rest, so every one succeeds.
 */
class AdmissionApiTest {

    @TempDir
    static Path dataDir;

    static EmbeddedServer server;
    static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of(
                // A stream that stalls is closed by this timeout: the storm below then fails in seconds.
                "micronaut.server.idle-timeout", "20s",
                "consultaion.data-dir", dataDir.toString(),
                "consultaion.database.pool-size", 2,
                "consultaion.database.acquire-timeout-ms", 250,
                "consultaion.sse.open-concurrency", 1,
                "consultaion.http.start-concurrency", 1,
                "consultaion.sse.max-streams-per-identity", 10_000));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String email) {
        http.post("/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct-Horse-7\"}");
        if (email.startsWith("storm-admin")) {
            server.getApplicationContext()
                    .getBean(AccountUseCases.class)
                    .grantAdmin(email, "test: the operator's grant");
        }
        return field(
                http.post("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct-Horse-7\"}")
                        .body(),
                "access_token");
    }

    @Test
    void aBurstOfOpensQueuesInsteadOfFailing() throws Exception {
        String token = token("storm@example.com");
        String id = field(
                http.post(
                                "/debates",
                                "{\"prompt\": \"Should a town pave its old market square?\"}",
                                "Authorization",
                                "Bearer " + token)
                        .body(),
                "id");
        // Read it once to the end: the debate is finished, so every later open replays it and closes.
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest open = http.request("/debates/" + id + "/stream", "Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60))
                .build();
        assertThat(client.send(open, HttpResponse.BodyHandlers.ofString()).body())
                .contains("data: {\"type\":\"final\"");

        // Ten storms of 150, each over new connections: a stream that stalls after its head (as one did in 1 of
        // about 3,750 with the withdrawn direct writes, ADR 0011) fails this.
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            HttpClient fresh = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            List<CompletableFuture<HttpResponse<String>>> storm = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                storm.add(fresh.sendAsync(open, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : storm) {
                HttpResponse<String> response = f.join();
                statuses.add(response.statusCode());
                if (response.statusCode() == 200) {
                    assertThat(response.body()).contains("data: {\"type\":\"final\"");
                }
            }
        }
        assertThat(statuses).as("every open of the storms").hasSize(1500).containsOnly(200);

        String admin = token("storm-admin@example.com");
        assertThat(http.get("/admin/ops/streams", "Authorization", "Bearer " + admin)
                        .body())
                .contains("\"opens_refused\":0", "\"opens_waiting\":0");
    }

    @Test
    void aBurstOfStartsQueuesInsteadOfFailing() {
        String token = token("start-storm@example.com");
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> storm = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            storm.add(client.sendAsync(
                    http.request("/debates", "Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(BodyPublishers.ofString(
                                    "{\"prompt\": \"Start storm " + i + ": should the park get more benches?\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = storm.stream().map(f -> f.join().statusCode()).toList();
        assertThat(statuses).as("every start of the storm").containsOnly(201);
    }
}
