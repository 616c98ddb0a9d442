package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        assertThat(http.get("/stats/models/Analyst").body()).contains("\"id\":\"" + id + "\"");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/leaderboard").body().contains("\"persona\":\"Analyst\""));

        HttpResponse<String> board = http.get("/leaderboard");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.headers().firstValue("Cache-Control")).hasValue("public, max-age=30");
        assertThat(board.body())
                .startsWith("{\"items\":[{\"persona\":")
                .contains("\"category\":null", "\"elo\":", "\"bt_rating\":", "\"ci\":{\"low\":", "\"rank\":")
                .contains("\"n_matches\":", "\"win_rate\":", "\"win_rate_ci\":{\"low\":", "\"last_updated\":\"");
        HttpResponse<String> one = http.get("/leaderboard/persona/Critic");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).startsWith("{\"persona\":\"Critic\"");
        HttpResponse<String> missing = http.get("/leaderboard/persona/Nobody-" + System.nanoTime());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestHttp.errorCode(missing.body())).isEqualTo("leaderboard.persona_not_found");

        assertThat(http.get("/stats/models").body()).contains("\"model\":\"Analyst\"", "\"total_debates\":");
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
                .until(() -> http.get("/debates/" + id, alice.bearer()).body().contains("\"status\":\"completed\""));
        assertThat(http.get("/debates/" + id, alice.bearer()).body()).contains("\"category\":\"" + category + "\"");

        String query = "/leaderboard?category=" + URLEncoder.encode(category, StandardCharsets.UTF_8);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get(query).body().contains("\"persona\":\"Analyst\""));
        assertThat(http.get(query).body()).contains("\"category\":\"" + category + "\"", "\"n_matches\":2");
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

        assertThat(mine).contains("\"id\":\"" + id + "\",\"prompt\":\"" + prompt + "\"");
        assertThat(theirs).contains("\"id\":\"" + id + "\",\"prompt\":null").doesNotContain(prompt);
        assertThat(anonymous).contains("\"id\":\"" + id + "\",\"prompt\":null").doesNotContain(prompt);
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
        assertThat(stats).contains("\"id\":\"" + first + "\"").doesNotContain(repeat);
        String fame = http.get("/stats/hall-of-fame?sort=recent&limit=200").body();
        assertThat(fame).contains(first).doesNotContain(repeat);
    }

    @Test
    void badParametersAre422WithTheFieldNamed() {
        assertThat(http.get("/leaderboard?limit=0").statusCode()).isEqualTo(422);
        assertThat(http.get("/leaderboard?limit=abc").body()).contains("\"code\":\"validation.failed\"", "limit");
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
        assertThat(first.body()).contains("\"categories\":", "\"entries\":", "\"through\":", "\"took_ms\":");
        String before = http.get("/leaderboard?limit=200").body();
        assertThat(http.post("/admin/ratings/recompute", "{}", admin).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/leaderboard?limit=200").body()).isEqualTo(before);
    }
}
