package com.consultaion.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.consultaion.bootstrap.TestHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection under a live stream, now that frames are written to it directly (ChannelOutlet): a client asking
 * for compression still gets plain frames and never sees the internal marker; a client that stops reading is cut
 * off once its backlog passes the limit, while another subscriber of the same debate gets everything.
 */
class StreamConnectionTest {

    @TempDir
    static Path dataDir;

    static final String ADMIN_EMAIL = "sse-connection-admin@example.com";

    static EmbeddedServer server;
    static TestHttp http;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port", -1,
                        "consultaion.data-dir", dataDir.toString(),
                        "consultaion.security.pbkdf2-iterations", 10_000,
                        "consultaion.local-model.latency-ms", 100,
                        "consultaion.security.admin-emails", ADMIN_EMAIL,
                        // A small backlog, and small socket buffers so that a stalled client's backlog builds up
                        // within one debate's events rather than disappearing into the kernel's buffers.
                        "consultaion.sse.max-backlog-bytes", 4096,
                        "micronaut.server.netty.child-options.SO_SNDBUF", 4096));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String email) {
        http.post("/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct-Horse-7\"}");
        return field(
                http.post("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct-Horse-7\"}")
                        .body(),
                "access_token");
    }

    private static String debate(String token, int rounds) {
        return field(
                http.post(
                                "/debates",
                                "{\"prompt\": \"Should a city ban cars from its centre?\", \"config\": {\"rounds\": "
                                        + rounds + "}}",
                                "Authorization",
                                "Bearer " + token)
                        .body(),
                "id");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static long droppedForLag(String admin) {
        String body = http.get("/admin/ops/streams", "Authorization", "Bearer " + admin)
                .body();
        Matcher m = Pattern.compile("\"subscribers_dropped_for_lag\":(\\d+)").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aClientAskingForCompressionGetsPlainFramesAndNoInternalHeader() throws Exception {
        String token = token("gzip-" + java.util.UUID.randomUUID() + "@example.com");
        String id = debate(token, 1);

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
                if (line.startsWith("event: ")) {
                    events.add(line.substring(7));
                } else if (line.startsWith("id: ")) {
                    ids.add(Long.parseLong(line.substring(4)));
                }
            }
        }
        assertThat(events).isNotEmpty().last().isEqualTo("final");
        assertThat(ids)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ids.size())
                        .boxed()
                        .toList());
    }

    @Test
    void aClientThatStopsReadingIsCutOffAndTheOtherSubscriberGetsEverything() throws Exception {
        String admin = token(ADMIN_EMAIL);
        String token = token("stall-" + java.util.UUID.randomUUID() + "@example.com");
        String id = debate(token, 3);
        long droppedBefore = droppedForLag(admin);

        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(2048); // before connecting: the window it advertises stays small
            stalled.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5_000);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /debates/" + id + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                            + "Authorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            SseClient.Result reader = SseClient.read(
                    server.getURI().resolve("/debates/" + id + "/stream"),
                    Duration.ofSeconds(60),
                    10_000,
                    "Authorization",
                    "Bearer " + token);
            assertThat(reader.frames().getLast().event()).isEqualTo("final");

            await().atMost(Duration.ofSeconds(30)).until(() -> droppedForLag(admin) > droppedBefore);
            // The server let go of the connection: reading what it holds ends at its close, without the final
            // event and without the response's end.
            stalled.setSoTimeout(30_000);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = stalled.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
            String text = received.toString(StandardCharsets.UTF_8);
            assertThat(text)
                    .startsWith("HTTP/1.1 200")
                    .doesNotContain("event: final")
                    .doesNotContain("\r\n0\r\n\r\n");
        }
    }
}
