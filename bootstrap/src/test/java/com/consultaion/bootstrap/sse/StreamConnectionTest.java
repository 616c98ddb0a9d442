package com.consultaion.bootstrap.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * for compression still gets plain frames, in order, and never sees the internal marker. (A client that stops
 * reading: ChannelOutletTest, on a real socket with a chosen amount of data.)
 */
class StreamConnectionTest {

    @TempDir
    static Path dataDir;

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
                        "consultaion.local-model.latency-ms", 100));
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
}
