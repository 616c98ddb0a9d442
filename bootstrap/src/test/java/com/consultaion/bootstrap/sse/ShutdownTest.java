package com.consultaion.bootstrap.sse;

import static com.consultaion.bootstrap.TestHttp.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.sse.StreamRegistry;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a node ends its open streams promptly instead of leaving clients hanging. */
class ShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void openStreamsEndWhenTheNodeStops() throws Exception {
        EmbeddedServer server = TestServers.start(
                Map.of("consultaion.data-dir", dataDir.toString(), "consultaion.local-model.latency-ms", 5_000));
        TestHttp http = new TestHttp(server.getURI());
        http.post("/auth/register", "{\"email\":\"stop@example.com\",\"password\":\"correct-Horse-7\"}");
        String token = field(
                http.post("/auth/login", "{\"email\":\"stop@example.com\",\"password\":\"correct-Horse-7\"}")
                        .body(),
                "access_token");
        String id = field(
                http.post(
                                "/debates",
                                "{\"prompt\": \"What happens when the node stops?\"}",
                                "Authorization",
                                "Bearer " + token)
                        .body(),
                "id");
        CompletableFuture<SseClient.Result> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return SseClient.read(
                        server.getURI().resolve("/debates/" + id + "/stream"),
                        Duration.ofSeconds(60),
                        1000,
                        "Authorization",
                        "Bearer " + token);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        StreamRegistry streams = server.getApplicationContext().getBean(StreamRegistry.class);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> streams.open() == 1);

        long start = System.nanoTime();
        server.close();
        SseClient.Result result = reading.get(30, TimeUnit.SECONDS);

        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("ms until the stream ended")
                .isLessThan(25_000);
        assertThat(result.frames()).anySatisfy(f -> assertThat(f.event()).isEqualTo("debate_created"));
        assertThat(result.frames()).noneSatisfy(f -> assertThat(f.event()).isEqualTo("final"));
    }
}
