package com.consultaion.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/serve.sh}, the one definition of the production launch (the AOT training run and the start-up
 * harness go through it too), runs the packaged service: it becomes ready and answers. And {@code
 * bench/db-floor-bench.sh}, which launches through it, still replays one debate's writes on the service's schema.
 * Runs in the reactor build after the bootstrap module was packaged; never timed.
 */
class ServeScriptTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dataDir;

    @Test
    void thePackagedServiceStartsThroughServeShSaysWhereAndKeepsSessionsAcrossARestart() throws Exception {
        assumeTrue(packaged(), "the bootstrap module is not packaged (run the reactor build)");
        int port = freePort();
        Path firstLog = dataDir.resolve("first.log");
        String token;
        Process service = serve(port, null, firstLog);
        try {
            awaitReady(service, port);
            assertThat(status(port, "/healthz")).isEqualTo(200);
            token = signIn(port);
            assertThat(me(port, token)).isEqualTo(200);
        } finally {
            stop(service);
        }
        // Output to a file is not a terminal: JSON lines, one of them where the service listens.
        String base = "http://127.0.0.1:" + port;
        assertThat(Files.readAllLines(firstLog))
                .anySatisfy(line -> assertThat(line.replace("\\/", "/")) // JSON may escape a solidus
                        .startsWith("{")
                        .contains("listening on " + base + " (Swagger UI: " + base + "/swagger-ui/index.html)"));
        Path secret = dataDir.resolve("jwt-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");

        Process again = serve(port, null, dataDir.resolve("second.log"));
        try {
            awaitReady(again, port);
            assertThat(me(port, token)).as("a dev-mode restart keeps sessions").isEqualTo(200);
        } finally {
            stop(again);
        }
    }

    @Test
    void anOldJavaIsNamedInsteadOfAClassVersionError() throws Exception {
        Path oldJdk = dataDir.resolve("jdk-17");
        Files.createDirectories(oldJdk.resolve("bin"));
        Path java = oldJdk.resolve("bin/java");
        // What `java -XshowSettings:properties -version` of a Java 17 prints (to stderr), and nothing more.
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder =
                new ProcessBuilder("bash", ROOT.resolve("scripts/serve.sh").toString());
        builder.environment().put("JAVA_HOME", oldJdk.toString());
        builder.environment().put("SKIP_BUILD", "1");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process script = builder.start();
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).isEqualTo(1);
        assertThat(new String(script.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Consultaion needs Java 21 or newer; '" + java + "' is 17.")
                .contains("Set JAVA_HOME to a JDK 21+");
    }

    @Test
    void anUnknownLogFormatIsRefusedAtStart() throws Exception {
        assumeTrue(packaged(), "the bootstrap module is not packaged (run the reactor build)");
        ProcessBuilder builder = serveBuilder(freePort());
        builder.environment().put("LOG_FORMAT", "yaml");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process service = builder.start();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(service.exitValue()).isEqualTo(1);
        assertThat(new String(service.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("consultaion: cannot start: LOG_FORMAT must be 'json' or 'text' (got 'yaml')");
    }

    @Test
    void aMissingAotCacheIsNamedAndNothingStarts() throws Exception {
        assumeTrue(packaged(), "the bootstrap module is not packaged (run the reactor build)");
        Process service = serve(freePort(), dataDir.resolve("no-such.aot").toString(), null);
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(service.exitValue()).isEqualTo(1);
        assertThat(new String(service.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("no-such.aot: no such file (make it with scripts/aot-cache.sh)");
    }

    @Test
    void theDatabaseFloorReplaysADebatesWritesOnTheCurrentSchema() throws Exception {
        assumeTrue(packaged(), "the bootstrap module is not packaged (run the reactor build)");
        assumeTrue(onPath("pgbench") && onPath("psql"), "pgbench and psql are not installed");
        ProcessBuilder builder = new ProcessBuilder(
                "bash", ROOT.resolve("bench/db-floor-bench.sh").toString(), "1", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SKIP_BUILD", "1");
        builder.environment().put("BENCH_PORT", Integer.toString(freePort()));
        builder.redirectErrorStream(true);
        Path log = dataDir.resolve("db-floor.log"); // read after the bounded wait: a hung script fails, not hangs
        builder.redirectOutput(log.toFile());
        Process bench = builder.start();
        boolean ended = bench.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            bench.destroy(); // its exit trap stops the service it started
        }
        String output = Files.readString(log);
        assertThat(ended).as(output).isTrue();
        assertThat(bench.exitValue()).as(output).isZero();
        // A statement that no longer fits the schema aborts pgbench, and the script with it.
        assertThat(output)
                .containsPattern("clients +1: [1-9][0-9]* debates in 1 s")
                .contains("failed 0");
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static boolean packaged() throws IOException {
        Path target = ROOT.resolve("bootstrap/target");
        if (!Files.isRegularFile(target.resolve("runtime-classpath.txt")) || !Files.isDirectory(target)) {
            return false;
        }
        try (var files = Files.list(target)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("bootstrap-.*\\.jar"));
        }
    }

    private ProcessBuilder serveBuilder(int port) {
        ProcessBuilder builder =
                new ProcessBuilder("bash", ROOT.resolve("scripts/serve.sh").toString());
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("DATABASE_")
                        || k.startsWith("JDBC_")
                        || k.equals("JWT_SECRET")
                        || k.equals("LOG_FORMAT")
                        || k.equals("CONSULTAION_MODE"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SKIP_BUILD", "1");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("CONSULTAION_DATA_DIR", dataDir.toString());
        builder.environment().put("ACCESS_LOG_LEVEL", "OFF");
        return builder;
    }

    /** The service on {@code port}; its output goes to {@code log} when given, and is discarded otherwise. */
    private Process serve(int port, String aotCache, Path log) throws IOException {
        ProcessBuilder builder = serveBuilder(port);
        builder.environment().put("LOG_LEVEL", log == null ? "WARN" : "INFO");
        builder.redirectOutput(
                log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        if (aotCache != null) {
            builder.environment().put("AOT_CACHE", aotCache); // read back from stderr by the caller
        } else {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return builder.start();
    }

    private static void awaitReady(Process service, int port) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !service.isAlive() || status(port, "/readyz") == 200);
        assertThat(service.isAlive()).as("serve.sh still running").isTrue();
        assertThat(status(port, "/readyz")).isEqualTo(200);
    }

    private static void stop(Process service) throws InterruptedException {
        service.destroy(); // serve.sh execs the JVM: this stops the service itself
        if (!service.waitFor(60, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    /** Registers an account and signs in; the access token. */
    private static String signIn(int port) throws IOException, InterruptedException {
        String account = "{\"email\":\"first-run@example.com\",\"password\":\"correct-Horse-7\"}";
        post(port, "/auth/register", account);
        HttpResponse<String> login = post(port, "/auth/login", account);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(login.body());
        assertThat(token.find()).as(login.body()).isTrue();
        return token.group(1);
    }

    private static HttpResponse<String> post(int port, String path, String json)
            throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int me(int port, String token) throws IOException, InterruptedException {
        return CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/me"))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int status(int port, String path) {
        try {
            return CLIENT.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
