package com.consultaion.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harnesses run, in a tiny configuration, against the real service on 127.0.0.1: they must keep
 * working as the service changes. Only that they ran to the end is checked — never how fast.
 */
class HarnessSmokeTest {

    @TempDir
    static Path dataDir;

    static EmbeddedServer server;
    static String base;
    static String key;
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port", -1,
                        "consultaion.data-dir", dataDir.toString(),
                        "consultaion.security.pbkdf2-iterations", 10_000,
                        "consultaion.local-model.latency-ms", 20,
                        "consultaion.plans.free.concurrent-debates", 100,
                        "consultaion.plans.free.debates-per-month", 1000,
                        "consultaion.plans.free.tokens-per-day", 1_000_000_000_000L));
        base = "http://127.0.0.1:" + server.getPort();
        String account = "{\"email\":\"harness@example.com\",\"password\":\"correct-Horse-7\"}";
        post("/auth/register", account, null);
        String token = field(post("/auth/login", account, null), "access_token");
        key = field(post("/keys", "{\"name\":\"harness\"}", token), "key");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String post(String path, String json, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    @Test
    void theConcurrentDebatesHarnessRuns() throws Exception {
        DebateLoadBenchmark.Result result = DebateLoadBenchmark.runOnce(CLIENT, base, new String[] {key}, 3, 20, 60);
        assertThat(result.started()).isEqualTo(3);
        assertThat(result.ended()).isEqualTo(3);
        assertThat(result.statuses()).containsOnlyKeys("completed");
    }

    @Test
    void theFanOutHarnessRuns() throws Exception {
        SseFanoutBenchmark.Result result = SseFanoutBenchmark.run(
                Map.of("base", base, "key", key, "subscribers", "4", "debates", "2", "timeout", "60", "readers", "1"));
        assertThat(result.finished()).isTrue();
        assertThat(result.connected()).isEqualTo(4);
        assertThat(result.failed()).isZero();
    }

    @Test
    void theFloorServerRunsUnderTheFanOutHarness() throws Exception {
        NettyFloorServer floor = new NettyFloorServer(0, 1, 2);
        try {
            floor.warmUp(2, 3, 200, false);
            Thread bursts = Thread.ofPlatform().start(() -> {
                try {
                    floor.run(4, 50, 3, 200, true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            SseFanoutBenchmark.Result result = SseFanoutBenchmark.run(Map.of(
                    "base",
                    "http://127.0.0.1:" + floor.port(),
                    "key",
                    "none",
                    "subscribers",
                    "4",
                    "debates",
                    "2",
                    "timeout",
                    "60",
                    "readers",
                    "1"));
            bursts.join(Duration.ofSeconds(60));
            assertThat(result.finished()).isTrue();
            assertThat(result.connected()).isEqualTo(4);
            assertThat(result.failed()).isZero();
            assertThat(result.liveDeliveries()).isEqualTo(4 * 3);
        } finally {
            floor.close();
        }
    }
}
