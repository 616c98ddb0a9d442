package com.consultaion.bootstrap;

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
        } finally {
            service.destroy(); // SIGTERM: the service stops its embedded PostgreSQL on the way out
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }
}
