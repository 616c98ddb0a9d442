package com.consultaion.bootstrap.sse;

import static com.consultaion.bootstrap.TestHttp.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application instances on one database: node A runs the debate, a client follows it on node B (woken
 * through PostgreSQL NOTIFY), then resumes on node A with Last-Event-ID: no gap, no duplicate.
 */
class TwoNodesTest {

    static EmbeddedPostgres postgres;
    static EmbeddedServer nodeA;
    static EmbeddedServer nodeB;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        String secret = "a-shared-secret-of-at-least-32-bytes!!";
        nodeA = TestServers.start(
                Map.of("jdbc.url", url, "jwt.secret", secret, "consultaion.local-model.latency-ms", 300));
        nodeB = TestServers.start(Map.of(
                "jdbc.url",
                url,
                "jwt.secret",
                secret,
                "consultaion.worker.enabled",
                false,
                "consultaion.sse.heartbeat",
                "30s"));
    }

    @AfterAll
    static void stop() throws Exception {
        nodeB.close();
        nodeA.close();
        postgres.close();
    }

    @Test
    void aClientOnNodeBFollowsADebateNodeARunsAndResumesOnNodeA() throws Exception {
        TestHttp a = new TestHttp(nodeA.getURI());
        a.post("/auth/register", "{\"email\":\"two@example.com\",\"password\":\"correct-Horse-7\"}");
        String token = field(
                a.post("/auth/login", "{\"email\":\"two@example.com\",\"password\":\"correct-Horse-7\"}")
                        .body(),
                "access_token");
        String id = field(
                a.post(
                                "/debates",
                                "{\"prompt\": \"Should two nodes share one database?\"}",
                                "Authorization",
                                "Bearer " + token)
                        .body(),
                "id");

        // On node B (no worker there): the first events, then drop the connection mid-debate.
        SseClient.Result onB = SseClient.read(
                nodeB.getURI().resolve("/debates/" + id + "/stream"),
                Duration.ofSeconds(30),
                6,
                "Authorization",
                "Bearer " + token);
        List<Long> first = onB.frames().stream()
                .filter(f -> f.id() != null)
                .map(f -> Long.parseLong(f.id()))
                .toList();
        assertThat(first).hasSize(6);
        // The heartbeat on B is 30 s, so these arrived through NOTIFY from node A, not through polling.
        // The drafts' text streamed there too, live, from the node that runs the debate: pieces without an id.
        List<SseClient.Frame> live =
                onB.frames().stream().filter(f -> "delta".equals(f.event())).toList();
        assertThat(live).isNotEmpty().allSatisfy(f -> assertThat(f.id()).isNull());
        assertThat(live.stream().map(f -> TestHttp.field(f.data(), "speaker")))
                .containsAnyOf("Analyst", "Critic", "Builder");

        SseClient.Result onA = SseClient.read(
                nodeA.getURI().resolve("/debates/" + id + "/stream"),
                Duration.ofSeconds(30),
                1000,
                "Authorization",
                "Bearer " + token,
                "Last-Event-ID",
                String.valueOf(first.get(first.size() - 1)));
        List<Long> all = new ArrayList<>(first);
        onA.frames().stream().filter(f -> f.id() != null).forEach(f -> all.add(Long.parseLong(f.id())));

        assertThat(all)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, all.size()).boxed().toList());
        assertThat(onA.frames().get(onA.frames().size() - 1).event()).isEqualTo("final");
    }
}
