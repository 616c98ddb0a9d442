package com.consultaion.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP example against the real service (embedded PostgreSQL, local model) on 127.0.0.1. */
class HttpApiExampleTest {

    @TempDir
    static Path dataDir;

    static EmbeddedServer server;
    static URI base;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port", -1,
                        "consultaion.data-dir", dataDir.toString(),
                        "consultaion.security.pbkdf2-iterations", 10_000,
                        "consultaion.local-model.latency-ms", 20));
        base = URI.create("http://127.0.0.1:" + server.getPort());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theProgramFollowsADebateToItsEndAndReadsTheResult() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonNode debate = new HttpApiExample(base, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .ask("example@example.com", "correct-Horse-7", "Should we adopt a four-day week?");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(debate.path("status").asText()).isEqualTo("completed");
        assertThat(debate.path("final_content").asText()).isNotBlank();
        assertThat(out).contains(" wrote ", " scored ", "  final", "status: completed");
    }

    @Test
    void aRefusalIsReportedWithTheErrorCode() {
        HttpApiExample example = new HttpApiExample(base, new PrintStream(new ByteArrayOutputStream(), true));
        assertThatThrownBy(() -> example.ask("bad@example.com", "short", "A question?"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("register: HTTP 422");
    }
}
