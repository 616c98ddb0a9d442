package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The leaderboard, statistics, hall of fame and recompute through real HTTP, fed by real debates. */
class LeaderboardApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void aCompletedDebateReachesTheBoardAndTheStatisticsPublicly() {
        TestService.User alice = service.newUser();
        String id = service.finishedDebate(alice, "Should a village build a shared sauna? " + System.nanoTime());

        // Recorded with the completion; the board follows in the background.
        assertThat(TestHttp.json(http.get("/stats/models/Analyst").body()).findValuesAsText("id"))
                .contains(id);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> personas(http.get("/leaderboard").body()).contains("Analyst"));

        HttpResponse<String> board = http.get("/leaderboard");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
        JsonNode entry = TestHttp.json(board.body()).get("items").get(0);
        assertThat(entry.get("persona").isTextual()).isTrue();
        assertThat(entry.get("category").isNull()).isTrue();
        for (String number : List.of("elo", "bt_rating", "rank", "n_matches", "win_rate")) {
            assertThat(entry.get(number).isNumber()).as(number).isTrue();
        }
        assertThat(entry.at("/ci/low").isNumber()).isTrue();
        assertThat(entry.at("/win_rate_ci/low").isNumber()).isTrue();
        assertThat(entry.get("last_updated").asText()).isNotBlank();
        HttpResponse<String> one = http.get("/leaderboard/persona/Critic");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).startsWith("{\"persona\":\"Critic\"");
        HttpResponse<String> missing = http.get("/leaderboard/persona/Nobody-" + System.nanoTime());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestHttp.errorCode(missing.body())).isEqualTo("leaderboard.persona_not_found");

        JsonNode models = TestHttp.json(http.get("/stats/models").body());
        assertThat(models.findValuesAsText("model")).contains("Analyst");
        assertThat(models.findValue("total_debates").isNumber()).isTrue();
        assertThat(http.get("/stats/models/Nobody").statusCode()).isEqualTo(404);
        assertThat(http.get("/leaderboard?min_matches=1000").body()).isEqualTo("{\"items\":[]}");
        assertThat(http.get("/leaderboard?limit=1").body()).containsOnlyOnce("\"persona\"");
    }

    @Test
    void aCategorisedDebateFillsItsCategorysBoardAsWellAsTheOverallOne() {
        TestService.User alice = service.newUser();
        long n = System.nanoTime() % 1_000_000;
        String body = "{\"prompt\": \"Should a river town build a second bridge?\", \"category\": \"Urban  Planning "
                + n + "\"}";
        String id =
                TestService.field(http.post("/debates", body, alice.bearer()).body(), "id");
        String category = "urban planning " + n;
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "completed"
                        .equals(TestHttp.field(
                                http.get("/debates/" + id, alice.bearer()).body(), "status")));
        assertThat(TestHttp.field(http.get("/debates/" + id, alice.bearer()).body(), "category"))
                .isEqualTo(category);

        String query = "/leaderboard?category=" + URLEncoder.encode(category, StandardCharsets.UTF_8);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> personas(http.get(query).body()).contains("Analyst"));
        JsonNode analyst = TestHttp.json(http.get(query).body()).get("items").get(0);
        assertThat(analyst.get("category").asText()).isEqualTo(category);
        assertThat(TestHttp.json(http.get(query).body()).findValuesAsText("n_matches"))
                .contains("2");
        assertThat(http.get("/leaderboard/persona/Critic?category="
                                + URLEncoder.encode(category.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> bad = http.post(
                "/debates", "{\"prompt\": \"Is this category acceptable?\", \"category\": \"a/b\"}", alice.bearer());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("category.invalid");
    }

    @Test
    void promptsAreShownOnlyToThoseWhoMayReadTheDebate() {
        TestService.User alice = service.newUser();
        TestService.User bob = service.newUser();
        String prompt = "Is a four-day week good for a bakery? " + System.nanoTime();
        String id = service.finishedDebate(alice, prompt);

        String mine = http.get("/stats/hall-of-fame?sort=recent&limit=200", alice.bearer())
                .body();
        String theirs = http.get("/stats/hall-of-fame?sort=recent&limit=200", bob.bearer())
                .body();
        String anonymous = http.get("/stats/hall-of-fame?sort=recent&limit=200").body();

        assertThat(promptOf(mine, id)).isEqualTo(prompt);
        assertThat(promptOf(theirs, id)).isNull();
        assertThat(theirs).doesNotContain(prompt);
        assertThat(promptOf(anonymous, id)).isNull();
        assertThat(anonymous).doesNotContain(prompt);
        assertThat(http.get("/stats/models/Analyst?limit=200", bob.bearer()).body())
                .doesNotContain(prompt);
        // A forged token on a public route is treated as no token, never as someone.
        assertThat(http.get("/stats/hall-of-fame?sort=recent&limit=200", "Authorization", "Bearer forged.jwt.token")
                        .body())
                .doesNotContain(prompt);
    }

    @Test
    void repeatingOnePromptMovesRatingsOnce() {
        TestService.User mallory = service.newUser();
        String prompt = "Which editor is best for writing novels? " + System.nanoTime();
        String first = service.finishedDebate(mallory, prompt);
        String repeat = service.finishedDebate(mallory, prompt.toUpperCase() + "!!");

        String stats = http.get("/stats/models/Analyst?limit=200").body();
        assertThat(TestHttp.json(stats).findValuesAsText("id")).contains(first).doesNotContain(repeat);
        String fame = http.get("/stats/hall-of-fame?sort=recent&limit=200").body();
        assertThat(fame).contains(first).doesNotContain(repeat);
    }

    @Test
    void badParametersAre422WithTheFieldNamed() {
        assertThat(http.get("/leaderboard?limit=0").statusCode()).isEqualTo(422);
        String badLimit = http.get("/leaderboard?limit=abc").body();
        assertThat(TestHttp.errorCode(badLimit)).isEqualTo("validation.failed");
        assertThat(TestHttp.fieldErrors(badLimit)).anyMatch(e -> e.startsWith("limit:"));
        assertThat(http.get("/leaderboard?min_matches=-1").statusCode()).isEqualTo(422);
        assertThat(http.get("/stats/hall-of-fame?sort=best").body()).contains("sort.invalid");
        assertThat(http.get("/stats/hall-of-fame?start_date=yesterday").body()).contains("start_date.invalid");
        assertThat(http.get("/stats/hall-of-fame?start_date=2026-12-01&end_date=2026-11-01")
                        .statusCode())
                .isEqualTo(422);
        String injection = URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8);
        assertThat(http.get("/stats/hall-of-fame?model=" + injection).body()).isEqualTo("{\"items\":[]}");
        assertThat(http.get("/leaderboard/persona/" + injection).statusCode()).isEqualTo(404);
        assertThat(http.get("/leaderboard?category=" + "c".repeat(201)).statusCode())
                .isEqualTo(422);
    }

    @Test
    void onlyAdminsRecomputeAndTheNumbersDoNotChange() {
        TestService.User alice = service.newUser();
        service.finishedDebate(alice, "Should a school teach chess to every child? " + System.nanoTime());
        String[] admin = service.otherAdmin();

        assertThat(http.post("/admin/ratings/recompute", "{}").statusCode()).isEqualTo(401);
        HttpResponse<String> refused = http.post("/admin/ratings/recompute", "{}", alice.bearer());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestHttp.errorCode(refused.body())).isEqualTo("permission.denied");

        HttpResponse<String> first = http.post("/admin/ratings/recompute", "{}", admin);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode recomputed = TestHttp.json(first.body());
        for (String key : List.of("categories", "entries", "through", "took_ms")) {
            assertThat(recomputed.has(key)).as(key).isTrue();
        }
        String before = http.get("/leaderboard?limit=200").body();
        assertThat(http.post("/admin/ratings/recompute", "{}", admin).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/leaderboard?limit=200").body()).isEqualTo(before);
    }

    private static List<String> personas(String body) {
        return TestHttp.json(body).findValuesAsText("persona");
    }

    /** The prompt of the hall-of-fame entry {@code id} (null when it is hidden). */
    private static String promptOf(String body, String id) {
        for (JsonNode item : TestHttp.json(body).get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item.get("prompt").isNull() ? null : item.get("prompt").asText();
            }
        }
        throw new AssertionError("no entry " + id + " in " + body);
    }
}
