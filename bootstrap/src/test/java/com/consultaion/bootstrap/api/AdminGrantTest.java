package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * ADMIN_EMAILS is an operator's grant on existing accounts at start-up: registering a listed address grants
 * nothing; the next start makes the existing account an admin, once, with an audit entry.
 */
class AdminGrantTest {

    private static final String ADMIN = "ops-lead@example.com";

    private static EmbeddedServer start(Path dir) {
        return TestServers.start(Map.of(
                "consultaion.data-dir",
                dir.toString(),
                "consultaion.security.admin-emails",
                ADMIN + ", nobody-yet@example.com"));
    }

    private static String login(TestHttp http) {
        return TestService.field(
                http.post("/auth/login", TestService.json("email", ADMIN, "password", TestService.PASSWORD))
                        .body(),
                "access_token");
    }

    @Test
    void aListedAccountIsMadeAdminAtTheNextStartNotByRegistering() throws Exception {
        Path dir = Files.createTempDirectory("consultaion-admin-grant");
        try (EmbeddedServer first = start(dir)) {
            TestHttp http = new TestHttp(first.getURI());
            assertThat(http.post("/auth/register", TestService.json("email", ADMIN, "password", TestService.PASSWORD))
                            .body())
                    .contains("\"role\":\"user\"");
            assertThat(http.get("/admin/ops/summary", "Authorization", "Bearer " + login(http))
                            .statusCode())
                    .isEqualTo(403);
        }
        try (EmbeddedServer second = start(dir)) {
            TestHttp http = new TestHttp(second.getURI());
            String token = login(http);

            assertThat(http.get("/me", "Authorization", "Bearer " + token).body())
                    .contains("\"role\":\"admin\"");
            assertThat(http.get("/admin/ops/summary", "Authorization", "Bearer " + token)
                            .statusCode())
                    .isEqualTo(200);
            Jdbi jdbi = second.getApplicationContext().getBean(Jdbi.class);
            int grants = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log "
                            + "WHERE action = 'admin_granted' AND detail->>'by' LIKE 'ADMIN_EMAILS%'")
                    .mapTo(Integer.class)
                    .one());
            assertThat(grants).isEqualTo(1);
            // the address with no account yet stays unclaimed: registering it now gives a plain user
            assertThat(http.post(
                                    "/auth/register",
                                    TestService.json(
                                            "email", "nobody-yet@example.com", "password", TestService.PASSWORD))
                            .body())
                    .contains("\"role\":\"user\"");
        }
    }
}
