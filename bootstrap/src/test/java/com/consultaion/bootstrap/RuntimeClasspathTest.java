package com.consultaion.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The service starts and becomes ready on its **runtime** classpath alone (what {@code ./mvnw -Prun} uses), not
 * on the test classpath the other tests share: a dependency that only tests bring would pass them all and still
 * break the one-command start.
 */
class RuntimeClasspathTest {

    @Test
    void theServiceBecomesReadyOnItsRuntimeClasspath() throws Exception {
        Path target = Path.of("target");
        String runtime =
                Files.readString(target.resolve("runtime-classpath.txt")).strip();
        String classpath = target.resolve("classes").toAbsolutePath() + File.pathSeparator + runtime;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classpath,
                Application.class.getName());
        builder.environment().keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("JDBC_"));
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment()
                .put(
                        "CONSULTAION_DATA_DIR",
                        Files.createTempDirectory("consultaion-runtime").toString());
        builder.environment().put("LOG_LEVEL", "OFF");
        builder.environment().put("ACCESS_LOG_LEVEL", "OFF");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process service = builder.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the service exited during start-up", () -> !service.isAlive())
                    .ignoreExceptions()
                    .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);
            // The MCP server needs jars of its own at run time (the SDK and its schema validator): one initialize.
            TestHttp api = new TestHttp(URI.create("http://127.0.0.1:" + port));
            String account = "{\"email\": \"runtime@example.com\", \"password\": \"correct-Horse-7\"}";
            api.post("/auth/register", account);
            String token = TestHttp.field(api.post("/auth/login", account).body(), "access_token");
            String key = TestHttp.field(
                    api.post("/keys", "{\"name\": \"mcp\"}", "Authorization", "Bearer " + token)
                            .body(),
                    "key");
            HttpResponse<String> mcp = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, text/event-stream")
                            .header("X-API-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,"
                                    + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mcp.statusCode()).as(mcp.body()).isEqualTo(200);
            assertThat(mcp.headers().firstValue("Mcp-Session-Id")).isPresent();
        } finally {
            service.destroy(); // SIGTERM: the service stops its embedded PostgreSQL on the way out
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }
}
