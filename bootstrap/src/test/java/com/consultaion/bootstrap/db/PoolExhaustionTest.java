package com.consultaion.bootstrap.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With every pooled connection taken, requests fail fast with 503 and Retry-After instead of hanging. */
class PoolExhaustionTest {

    @TempDir
    Path dataDir;

    @Test
    void anExhaustedPoolAnswers503WithRetryAfterInTheErrorShape() throws Exception {
        try (EmbeddedServer server = TestServers.start(Map.of(
                "consultaion.data-dir",
                dataDir.toString(),
                "consultaion.database.pool-size",
                1,
                "consultaion.database.acquire-timeout-ms",
                300,
                "consultaion.worker.enabled",
                false))) {
            TestHttp http = new TestHttp(server.getURI());
            HttpResponse<String> registered =
                    http.post("/auth/register", "{\"email\": \"pool@example.com\", \"password\": \"correct-Horse-7\"}");
            assertThat(registered.statusCode()).isEqualTo(201);
            HttpResponse<String> login =
                    http.post("/auth/login", "{\"email\": \"pool@example.com\", \"password\": \"correct-Horse-7\"}");
            Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(login.body());
            assertThat(token.find()).isTrue();

            DataSource pool = server.getApplicationContext().getBean(DataSource.class);
            long elapsedMs;
            HttpResponse<String> starved;
            try (Connection held = pool.getConnection()) {
                long start = System.nanoTime();
                starved = http.get("/debates", "Authorization", "Bearer " + token.group(1));
                elapsedMs = (System.nanoTime() - start) / 1_000_000;
            }

            assertThat(starved.statusCode()).isEqualTo(503);
            assertThat(starved.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(starved.body())
                    .isEqualTo(
                            "{\"error\":{\"code\":\"service.unavailable\",\"message\":\"The "
                                    + "service is busy; try again shortly.\",\"details\":{},\"retryable\":true,\"retry_after_seconds\":1}}");
            assertThat(elapsedMs)
                    .as("answered after the acquisition timeout, not after a hang")
                    .isLessThan(20_000);
            assertThat(http.get("/debates", "Authorization", "Bearer " + token.group(1))
                            .statusCode())
                    .isEqualTo(200);
        }
    }
}
