package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Account erasure really erases, and the audit trail records actions without prompts or secrets. */
class ErasureAndAuditTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;
    private final Jdbi jdbi = service.context.getBean(Jdbi.class);

    @Test
    void deletingAnAccountErasesItsDebatesContentAndRecordsItWithoutSecrets() {
        TestService.User alice = service.newUser();
        String secretPrompt = "My confidential merger plan with Initech for Q3";
        String id = TestService.field(
                http.post("/debates", "{\"prompt\": \"" + secretPrompt + "\"}", alice.bearer())
                        .body(),
                "id");
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            http.get("/debates/" + id, alice.bearer()).body().contains("\"status\":\"completed\""));
        } catch (Throwable t) {
            System.out.println(
                    "DEBUG " + http.get("/debates/" + id, alice.bearer()).body());
            System.out.println("DEBUG "
                    + http.get("/debates/" + id + "/events", alice.bearer()).body());
            throw t;
        }

        assertThat(http.post("/me/delete-account", "", alice.bearer()).statusCode())
                .isEqualTo(200);

        Map<String, Object> debate = jdbi.withHandle(h -> h.createQuery(
                        "SELECT prompt, final_content, content_erased_at FROM debates WHERE id = CAST(:id AS UUID)")
                .bind("id", id)
                .mapToMap()
                .one());
        assertThat(debate.get("prompt").toString()).doesNotContain("merger");
        assertThat(debate.get("content_erased_at")).isNotNull();
        List<String> contents = jdbi.withHandle(
                h -> h.createQuery("SELECT content FROM debate_contributions WHERE debate_id = CAST(:id AS UUID)")
                        .bind("id", id)
                        .mapTo(String.class)
                        .list());
        assertThat(contents).isNotEmpty().containsOnly("[deleted]");
        String events = jdbi.withHandle(h -> h.createQuery(
                        "SELECT string_agg(payload::text, ' ') FROM debate_events WHERE debate_id = CAST(:id AS UUID)")
                .bind("id", id)
                .mapTo(String.class)
                .one());
        assertThat(events).doesNotContain("merger").doesNotContain("Initech");
        String users = jdbi.withHandle(h -> h.createQuery("SELECT email FROM users WHERE id = CAST(:id AS UUID)")
                .bind("id", alice.id())
                .mapTo(String.class)
                .one());
        assertThat(users).doesNotContain(alice.email());

        List<String> actions = jdbi.withHandle(
                h -> h.createQuery("SELECT action FROM audit_log WHERE user_id = CAST(:id AS UUID) ORDER BY id")
                        .bind("id", alice.id())
                        .mapTo(String.class)
                        .list());
        assertThat(actions).contains("register", "login", "debate_created", "account_deleted");
        String everything =
                jdbi.withHandle(h -> h.createQuery("SELECT string_agg(action || ' ' || coalesce(target_id, '') "
                                + "|| ' ' || detail::text, ' ') FROM audit_log")
                        .mapTo(String.class)
                        .one());
        assertThat(everything)
                .doesNotContain("merger")
                .doesNotContain(TestService.PASSWORD)
                .doesNotContain(alice.refreshToken())
                .doesNotContain(alice.accessToken());
    }

    @Test
    void failedSignInsAndKeyChangesAreAudited() {
        TestService.User bob = service.newUser();
        http.post("/auth/login", TestService.json("email", bob.email(), "password", "Wrong-password-1"));
        String key = TestService.field(
                http.post("/keys", "{\"name\": \"audit\"}", bob.bearer()).body(), "key");

        List<String> actions = jdbi.withHandle(
                h -> h.createQuery("SELECT action FROM audit_log WHERE user_id = CAST(:id AS UUID) ORDER BY id")
                        .bind("id", bob.id())
                        .mapTo(String.class)
                        .list());
        assertThat(actions).contains("login_failed", "api_key_created");
        String details = jdbi.withHandle(h -> h.createQuery(
                        "SELECT string_agg(detail::text, ' ') FROM audit_log " + "WHERE user_id = CAST(:id AS UUID)")
                .bind("id", bob.id())
                .mapTo(String.class)
                .one());
        assertThat(details).doesNotContain(key);
    }
}
