package com.consultaion.bootstrap.sse;

import static com.consultaion.bootstrap.TestHttp.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live stream read by a raw SSE client over real HTTP: wire format, replay, resume, fan-out, access. */
class StreamTest {

    @TempDir
    static Path dataDir;

    static final String ADMIN_EMAIL = "sse-admin@example.com";

    static EmbeddedServer server;
    static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of(
                "consultaion.data-dir",
                dataDir.toString(),
                "consultaion.local-model.latency-ms",
                150,
                "consultaion.sse.heartbeat",
                "200ms",
                "consultaion.sse.max-streams-per-identity",
                3));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token() {
        return token("sse-" + UUID.randomUUID() + "@example.com");
    }

    private static String token(String email) {
        http.post("/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct-Horse-7\"}");
        if (email.equals(ADMIN_EMAIL)) {
            server.getApplicationContext()
                    .getBean(AccountUseCases.class)
                    .grantAdmin(email, "test: the operator's grant");
        }
        return field(
                http.post("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct-Horse-7\"}")
                        .body(),
                "access_token");
    }

    private static String debate(String token) {
        HttpResponse<String> created = http.post(
                "/debates",
                "{\"prompt\": \"Should a city ban cars from its centre?\"}",
                "Authorization",
                "Bearer " + token);
        return field(created.body(), "id");
    }

    /** The whole stream of a debate, from the start to the server's close (bounded by 30 s and 1,000 frames). */
    private static SseClient.Result readWhole(String id, String token) throws Exception {
        return SseClient.read(stream(id, ""), Duration.ofSeconds(30), 1000, "Authorization", "Bearer " + token);
    }

    private static URI stream(String id, String query) {
        return server.getURI().resolve("/debates/" + id + "/stream" + query);
    }

    private static List<Long> seqs(SseClient.Result result) {
        return result.frames().stream()
                .filter(f -> f.id() != null)
                .map(f -> Long.parseLong(f.id()))
                .toList();
    }

    @Test
    void adminsSeeThisNodesStreamCountersAndNobodyElseDoes() throws Exception {
        String token = token();
        String id = debate(token);
        SseClient.Result result = readWhole(id, token);
        assertThat(result.status()).isEqualTo(200);

        String admin = token(ADMIN_EMAIL);
        HttpResponse<String> counters = http.get("/admin/ops/streams", "Authorization", "Bearer " + admin);
        assertThat(counters.statusCode()).isEqualTo(200);
        Matcher delivered = Pattern.compile("\"events_delivered\":(\\d+)").matcher(counters.body());
        assertThat(delivered.find()).as(counters.body()).isTrue();
        assertThat(Long.parseLong(delivered.group(1)))
                .isGreaterThanOrEqualTo(seqs(result).size());
        assertThat(counters.body())
                .contains("\"open_streams\":", "\"subscribers_dropped_for_lag\":", "\"streams_ended_by_limit\":");

        HttpResponse<String> user = http.get("/admin/ops/streams", "Authorization", "Bearer " + token);
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(TestHttp.errorCode(user.body())).isEqualTo("permission.denied");
        assertThat(http.get("/admin/ops/streams").statusCode()).isEqualTo(401);
    }

    @Test
    void aLiveDebateStreamsEveryEventOnceInOrderThenTheServerCloses() throws Exception {
        String token = token();
        String id = debate(token);

        SseClient.Result result = readWhole(id, token);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.frames().get(0).retry()).isEqualTo("3000");
        List<Long> seqs = seqs(result);
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        SseClient.Frame last = result.frames().get(result.frames().size() - 1);
        assertThat(last.event()).isEqualTo("final");
        for (SseClient.Frame f : result.frames()) {
            if (f.id() != null) {
                assertThat(f.data())
                        .startsWith("{\"type\":\"" + f.event() + "\",\"debate_id\":\"" + id + "\",\"seq\":" + f.id()
                                + ",\"ts\":\"")
                        .contains("\"v\":1");
            }
        }
        assertThat(result.rawLines()).noneMatch(l -> l.equals("data:") || l.equals("data: "));
    }

    @Test
    void resumingAtTheEndOfAFinishedDebateIs204AndBeyondItIs422() throws Exception {
        String token = token();
        String id = debate(token);
        long last = seqs(readWhole(id, token)).getLast();

        HttpResponse<String> atEnd = http.get(
                "/debates/" + id + "/stream", "Authorization", "Bearer " + token, "Last-Event-ID", Long.toString(last));
        assertThat(atEnd.statusCode()).isEqualTo(204); // EventSource stops reconnecting
        HttpResponse<String> beyond =
                http.get("/debates/" + id + "/stream?after=" + (last + 5), "Authorization", "Bearer " + token);
        assertThat(beyond.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(beyond.body())).anyMatch(e -> e.endsWith(":after.beyond_end"));
    }

    @Test
    void heartbeatsArriveAsCommentsWhileTheDebateRuns() throws Exception {
        String token = token();
        String id = debate(token);

        SseClient.Result result = readWhole(id, token);

        assertThat(result.frames()).anySatisfy(f -> {
            assertThat(f.comment()).isEqualTo("ping");
            assertThat(f.data()).isNull();
        });
    }

    @Test
    void reconnectingWithLastEventIdContinuesWithoutGapOrDuplicate() throws Exception {
        String token = token();
        String id = debate(token);

        SseClient.Result first =
                SseClient.read(stream(id, ""), Duration.ofSeconds(30), 4, "Authorization", "Bearer " + token);
        String lastId = first.frames().stream()
                .filter(f -> f.id() != null)
                .reduce((a, b) -> b)
                .orElseThrow()
                .id();
        SseClient.Result second = SseClient.read(
                stream(id, ""),
                Duration.ofSeconds(30),
                1000,
                "Authorization",
                "Bearer " + token,
                "Last-Event-ID",
                lastId);

        List<Long> union = new ArrayList<>(seqs(first));
        union.addAll(seqs(second));
        assertThat(union)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, union.size()).boxed().toList());
        assertThat(second.frames().get(second.frames().size() - 1).event()).isEqualTo("final");
        SseClient.Result replay = SseClient.read(
                stream(id, "?after=" + (union.size() - 2)),
                Duration.ofSeconds(10),
                1000,
                "Authorization",
                "Bearer " + token);
        assertThat(seqs(replay)).containsExactly((long) union.size() - 1, (long) union.size());
    }

    @Test
    void twoSubscribersEachReceiveTheIdenticalStream() throws Exception {
        String token = token();
        String id = debate(token);

        CompletableFuture<SseClient.Result> a = CompletableFuture.supplyAsync(() -> read(id, token));
        CompletableFuture<SseClient.Result> b = CompletableFuture.supplyAsync(() -> read(id, token));

        List<SseClient.Frame> fa =
                a.get().frames().stream().filter(f -> f.id() != null).toList();
        List<SseClient.Frame> fb =
                b.get().frames().stream().filter(f -> f.id() != null).toList();
        assertThat(fa).isNotEmpty().isEqualTo(fb);
    }

    @Test
    void othersGet404AndTooManyStreamsGet429() throws Exception {
        String owner = token();
        String other = token();
        String id = debate(owner);

        assertThat(SseClient.read(stream(id, ""), Duration.ofSeconds(5), 1, "Authorization", "Bearer " + other)
                        .status())
                .isEqualTo(404);
        assertThat(SseClient.read(stream(id, ""), Duration.ofSeconds(5), 1).status())
                .isEqualTo(401);
        assertThat(SseClient.read(
                                stream("not-a-uuid", ""), Duration.ofSeconds(5), 1, "Authorization", "Bearer " + owner)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anIdentityMayHoldOnlySoManyStreamsAtOnce() throws Exception {
        String token = token();
        String id = field(
                http.post(
                                "/debates",
                                "{\"prompt\": \"Should we hold a four-round debate on this?\", "
                                        + "\"config\": {\"rounds\": 3}}",
                                "Authorization",
                                "Bearer " + token)
                        .body(),
                "id");
        HttpClient client = HttpClient.newHttpClient();
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(client.send(
                        HttpRequest.newBuilder(stream(id, ""))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        BodyHandlers.ofInputStream()));
            }
            assertThat(open).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));

            SseClient.Result refused =
                    SseClient.read(stream(id, ""), Duration.ofSeconds(5), 1, "Authorization", "Bearer " + token);

            assertThat(refused.status()).isEqualTo(429);
        } finally {
            for (var r : open) {
                r.body().close();
            }
        }
    }

    private static SseClient.Result read(String id, String token) {
        try {
            return readWhole(id, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    /** Frames are written to the connection below Micronaut's compression (ADR 0011): a stream is never compressed. */
    void aClientAskingForCompressionGetsPlainFramesAndNoInternalHeader() throws Exception {
        String token = token();
        String id = debate(token);

        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.getURI().resolve("/debates/" + id + "/stream"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Accept", "text/event-stream")
                                .header("Accept-Encoding", "gzip, deflate, br")
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().map().keySet())
                .noneMatch(h -> h.toLowerCase().contains("outlet"));
        List<String> events = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    events.add(TestHttp.field(line.substring(6), "type"));
                } else if (line.startsWith("id: ")) {
                    ids.add(Long.parseLong(line.substring(4)));
                }
            }
        }
        assertThat(events).isNotEmpty().last().isEqualTo("final");
        assertThat(ids)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, ids.size()).boxed().toList());
    }
}
