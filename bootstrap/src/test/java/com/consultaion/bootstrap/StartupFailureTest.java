package com.consultaion.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad settings end startup with one line naming the problem: the real {@code main} runs in a child JVM, and we
 * read what an operator would see on stderr.
 */
class StartupFailureTest {

    @TempDir
    Path dataDir;

    record Outcome(int exitCode, String stderr) {}

    @Test
    void aMalformedDatabaseUrlEndsStartupWithOneClearLine() throws Exception {
        Outcome outcome = runMain(Map.of("DATABASE_URL", "mysql://root:hunter2@db:3306/app"));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .isEqualTo(
                        "consultaion: cannot start: DATABASE_URL is not a PostgreSQL URL (scheme 'mysql'): "
                                + "expected postgres://user:password@host:5432/database or jdbc:postgresql://host:5432/database")
                .doesNotContain("hunter2");
    }

    @Test
    void anUnreachableDatabaseEndsStartupWithOneClearLine() throws Exception {
        int closedPort = freePort();
        Outcome outcome = runMain(Map.of("DATABASE_URL", "postgres://u:secret-pw@127.0.0.1:" + closedPort + "/db"));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .startsWith(
                        "consultaion: cannot start: cannot connect to PostgreSQL at 127.0.0.1:" + closedPort + "/db")
                .doesNotContain("secret-pw")
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    @Test
    void aPortInUseEndsStartupWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Outcome outcome = runMain(
                    Map.of("PORT", String.valueOf(taken.getLocalPort()), "CONSULTAION_DATA_DIR", dataDir.toString()));

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.stderr())
                    .isEqualTo("consultaion: cannot start: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use; stop the other process or set PORT");
        }
    }

    @Test
    void productionModeRefusesAShortJwtSecret() throws Exception {
        Outcome outcome = runMain(Map.of(
                "CONSULTAION_MODE",
                "production",
                "JWT_SECRET",
                "too-short",
                "CONSULTAION_DATA_DIR",
                dataDir.toString()));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .isEqualTo("consultaion: cannot start: JWT_SECRET is 9 bytes; production mode needs at least 32");
    }

    @Test
    void productionModeRefusesATrivialJwtSecretHoweverLong() throws Exception {
        Outcome outcome = runMain(Map.of(
                "CONSULTAION_MODE",
                "production",
                "JWT_SECRET",
                "a".repeat(36),
                "CONSULTAION_DATA_DIR",
                dataDir.toString()));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .startsWith(
                        "consultaion: cannot start: JWT_SECRET looks trivial (0 bits estimated from its 36 characters")
                .doesNotContain("\n");
    }

    /**
     * The iteration floor is checked when the service starts, not at the first sign-in (which answered 500), and
     * the embedded PostgreSQL the failed start had begun is stopped, not left running.
     */
    @Test
    void productionModeRefusesWeakPasswordHashingAtStartAndLeavesNoDatabaseRunning() throws Exception {
        Outcome outcome = runMain(Map.of(
                "CONSULTAION_MODE",
                "production",
                "JWT_SECRET",
                "q8Xr2Lm7Vt1Zp4Ks9Bw3Nd6Hf0Jc5Ge2Ya8Ru1Ti7Op3",
                "PBKDF2_ITERATIONS",
                "1000",
                "CONSULTAION_DATA_DIR",
                dataDir.toString()));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .isEqualTo("consultaion: cannot start: consultaion.security.pbkdf2-iterations is 1000; production mode"
                        + " needs at least 600000");
        Path pid = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (Files.exists(pid)) {
            long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).strip());
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                    .as("the embedded PostgreSQL of the failed start is still running")
                    .isFalse();
        }
    }

    @Test
    void aProviderWithoutAnAddressOrAnUnknownTracingExporterEndsStartupWithOneClearLine() throws Exception {
        Outcome provider = runMain(Map.of(
                "CONSULTAION_PROVIDERS_OPENAI_API_KEY",
                "sk-never-printed",
                "CONSULTAION_DATA_DIR",
                dataDir.toString()));
        assertThat(provider.exitCode()).isEqualTo(1);
        assertThat(provider.stderr())
                .isEqualTo("consultaion: cannot start: model configuration: provider openai needs a base URL"
                        + " (consultaion.providers.openai.base-url, e.g. https://api.openai.com/v1)");

        Outcome tracing = runMain(Map.of("TRACING_EXPORTER", "zipkin", "CONSULTAION_DATA_DIR", dataDir.toString()));
        assertThat(tracing.exitCode()).isEqualTo(1);
        assertThat(tracing.stderr())
                .isEqualTo("consultaion: cannot start: TRACING_EXPORTER must be none or otlp (got 'zipkin')");
    }

    @Test
    void stripeWithoutItsWebhookSecretOrWithAnUnknownPlanEndsStartupWithOneClearLine() throws Exception {
        Outcome noSecret = runMain(
                Map.of("STRIPE_SECRET_KEY", "sk_test_never_printed", "CONSULTAION_DATA_DIR", dataDir.toString()));
        assertThat(noSecret.exitCode()).isEqualTo(1);
        assertThat(noSecret.stderr())
                .startsWith("consultaion: cannot start: STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not")
                .doesNotContain("sk_test_never_printed")
                .doesNotContain("\n");
        Outcome badPlan = runMain(Map.of(
                "STRIPE_SECRET_KEY", "sk_test_x",
                "STRIPE_WEBHOOK_SECRET", "whsec_x",
                "STRIPE_PRICES", "gold:price_1",
                "CONSULTAION_DATA_DIR", dataDir.toString()));
        assertThat(badPlan.exitCode()).isEqualTo(1);
        assertThat(badPlan.stderr())
                .startsWith("consultaion: cannot start: STRIPE_PRICES names plan 'gold', which does not exist");
    }

    @Test
    void anUnknownTransportEndsStartupWithOneLineNamingTheChoices() throws Exception {
        Outcome outcome = runMain(Map.of("NETTY_TRANSPORT", "kqueue", "CONSULTAION_DATA_DIR", dataDir.toString()));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr())
                .startsWith("consultaion: cannot start: No matching transport was found. Configured transports are"
                        + " [kqueue], available transports are [")
                .contains("nio")
                .doesNotContain("\n");
    }

    private static Outcome runMain(Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED"); // as scripts/serve.sh launches it
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Application.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("JDBC_"));
        builder.environment().put("LOG_LEVEL", "OFF");
        builder.environment().put("ACCESS_LOG_LEVEL", "OFF");
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service neither started nor failed within 90 s");
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.startsWith("WARNING:")) // JVM notices about the JDK itself, not ours
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
        return new Outcome(process.exitValue(), stderr);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
