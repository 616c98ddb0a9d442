package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * After erasure no table holds any text derived from the user's prompts or written by them: a codeword from the
     * prompts of a debate and a parliament (whose final meta carries excerpts) and from a team name is searched for
     * in every row of every table of the schema.
     */
    @Test
    void afterAnAccountIsErasedNoTableHoldsACodewordFromItsPromptsOrItsTeams() {
        TestService.User alice = service.newUser();
        TestService.User bob = service.newUser();
        String codeword = "zebracodeword" + Long.toString(System.nanoTime(), 36);
        String team = TestService.field(
                http.post("/teams", "{\"name\": \"Team " + codeword + "\"}", alice.bearer())
                        .body(),
                "id");
        http.post(
                "/teams/" + team + "/members",
                "{\"email\": \"" + bob.email() + "\", \"role\": \"viewer\"}",
                alice.bearer());
        String debate = service.finishedDebate(alice, "Should " + codeword + " be adopted by the city council?");
        String parliament = TestService.field(
                http.post(
                                "/debates",
                                "{\"prompt\": \"Should the " + codeword
                                        + " plan fund night buses?\", \"mode\": \"parliament\"}",
                                alice.bearer())
                        .body(),
                "id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/debates/" + parliament, alice.bearer())
                        .body()
                        .contains("\"status\":\"completed\""));
        http.send(http.request("/debates/" + debate, alice.bearer())
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"team_id\": \"" + team + "\"}"))
                .build());
        assertThat(rowsContaining(codeword)).isNotEmpty(); // the search finds it before

        assertThat(http.post("/me/delete-account", "", alice.bearer()).statusCode())
                .isEqualTo(200);

        assertThat(rowsContaining(codeword)).isEmpty();
        // the team lives on for its other member, who now owns it
        assertThat(http.get("/teams", bob.bearer()).body()).contains(team).contains("\"role\":\"owner\"");
        assertThat(http.get("/debates/" + debate, bob.bearer()).body())
                .contains("\"status\":\"completed\"")
                .doesNotContain(codeword);
    }

    /** "table: n" for every table of the schema with rows whose text contains {@code needle}. */
    private List<String> rowsContaining(String needle) {
        return jdbi.withHandle(h -> {
            List<String> tables = h.createQuery("SELECT table_name FROM information_schema.tables "
                            + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
                    .mapTo(String.class)
                    .list();
            List<String> found = new ArrayList<>();
            for (String table : tables) {
                int n = h.createQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\" t "
                                + "WHERE strpos(lower(t::text), lower(:needle)) > 0")
                        .bind("needle", needle)
                        .mapTo(Integer.class)
                        .one();
                if (n > 0) {
                    found.add(table + ": " + n);
                }
            }
            return found;
        });
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
