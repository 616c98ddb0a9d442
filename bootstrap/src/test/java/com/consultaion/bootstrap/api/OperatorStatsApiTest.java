package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original service's operator statistics ({@code /stats/debates}, {@code /health}, {@code /rate-limit}): admins
 * only, in its shapes (every response is also checked against the OpenAPI description by {@link TestHttp}).
 */
class OperatorStatsApiTest {

    static final List<String> ROUTES = List.of("/stats/debates", "/stats/health", "/stats/rate-limit");

    static EmbeddedServer server;
    static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServers.start(
                Map.of("consultaion.rate-limit.api.capacity", 30, "consultaion.rate-limit.api.period", "1h"));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anonymousCallersAre401AndUsersAre403() {
        String[] user = TestServers.signIn(server, false);
        for (String route : ROUTES) {
            assertThat(http.get(route).statusCode()).as(route).isEqualTo(401);
            HttpResponse<String> refused = http.get(route, user);
            assertThat(refused.statusCode()).as(route).isEqualTo(403);
            assertThat(TestHttp.errorCode(refused.body())).isEqualTo("permission.denied");
        }
    }

    @Test
    void debatesAreCountedOverEveryAccountAndThoseWithoutACritiqueRoundApart() {
        String[] admin = TestServers.signIn(server, true);
        JsonNode before = TestHttp.json(http.get("/stats/debates", admin).body());
        String[] user = TestServers.signIn(server, false);
        assertThat(http.post("/debates", "{\"prompt\": \"Should we hire a second designer?\"}", user)
                        .statusCode())
                .isEqualTo(201);
        assertThat(http.post(
                                "/debates",
                                "{\"prompt\": \"Should we hire a third designer?\", \"config\": {\"rounds\": 0}}",
                                user)
                        .statusCode())
                .isEqualTo(201);
        JsonNode after = TestHttp.json(http.get("/stats/debates", admin).body());
        assertThat(after.get("total").asLong() - before.get("total").asLong()).isEqualTo(2);
        assertThat(after.get("last_24h").asLong() - before.get("last_24h").asLong())
                .isEqualTo(2);
        assertThat(after.get("last_7d").asLong() - before.get("last_7d").asLong())
                .isEqualTo(2);
        assertThat(after.get("fast_debate").asLong() - before.get("fast_debate").asLong())
                .isEqualTo(1);
    }

    @Test
    void healthSaysWhatRunsHere() {
        JsonNode health = TestHttp.json(
                http.get("/stats/health", TestServers.signIn(server, true)).body());
        assertThat(health.get("db_ok").asBoolean()).isTrue();
        assertThat(health.get("rate_limit_backend").asText()).isEqualTo("postgres");
        assertThat(health.get("mock_mode").asBoolean()).isTrue(); // only the offline model
        assertThat(health.get("models_available").asBoolean()).isTrue();
        assertThat(health.get("enabled_model_count").asInt()).isEqualTo(1);
        assertThat(health.get("enable_csrf").asBoolean()).isTrue();
    }

    @Test
    void aRefusedRequestShowsInTheRecentRefusals() {
        String[] admin = TestServers.signIn(server, true);
        String[] flooder = TestServers.signIn(server, false);
        String id = TestHttp.field(http.get("/me", flooder).body(), "id");
        int status = 200;
        for (int i = 0; i < 40 && status != 429; i++) {
            status = http.get("/me", flooder).statusCode();
        }
        assertThat(status).isEqualTo(429);
        JsonNode limits = TestHttp.json(http.get("/stats/rate-limit", admin).body());
        assertThat(limits.get("backend").asText()).isEqualTo("postgres");
        assertThat(limits.get("window").asLong()).isEqualTo(3600);
        assertThat(limits.get("max_calls").asLong()).isEqualTo(30);
        assertThat(limits.get("total_429s").asLong()).isPositive();
        JsonNode last = limits.get("recent_429s").get(limits.get("recent_429s").size() - 1);
        assertThat(last.get("identity").asText()).isEqualTo("user:" + id);
        assertThat(last.get("bucket").asText()).isEqualTo("api");
    }
}
