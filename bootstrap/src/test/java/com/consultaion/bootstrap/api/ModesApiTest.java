package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every mode is reachable through {@code mode} in POST /debates, and a parliament's panel is validated. */
class ModesApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    private String finished(TestService.User user, String body) {
        HttpResponse<String> created = http.post("/debates", body, user.bearer());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestService.field(created.body(), "id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !http.get("/debates/" + id, user.bearer())
                        .body()
                        .matches("(?s).*\"status\":\"(queued|running)\".*"));
        return id;
    }

    @Test
    void aParliamentWithTheDefaultPanelDeliberatesAndFeedsTheLeaderboard() {
        TestService.User user = service.newUser();

        String id = finished(
                user,
                "{\"prompt\": \"Should our city replace its bus fleet with electric buses?\", \"mode\": \"parliament\","
                        + " \"category\": \"parliament-test\"}");

        String debate = http.get("/debates/" + id, user.bearer()).body();
        assertThat(debate)
                .contains("\"status\":\"completed\"")
                .contains("\"mode\":\"parliament\"")
                .contains("\"final_content\":\"Verdict:");
        String events = http.get("/debates/" + id + "/events?after=0&limit=100", user.bearer())
                .body();
        assertThat(events.split("\"type\":\"seat_message\"", -1)).hasSize(10); // three seats, three phases
        assertThat(events)
                .contains("\"phase\":\"explore\"", "\"phase\":\"rebuttal\"", "\"phase\":\"converge\"")
                .contains("\"structured\":true")
                .contains("\"type\":\"score\"");
        for (String view : new String[] {"/report", "/timeline", "/judges", "/scores.csv"}) {
            HttpResponse<String> r = http.get("/debates/" + id + view, user.bearer());
            assertThat(r.statusCode()).as(view).isEqualTo(200);
        }
        assertThat(http.get("/debates/" + id + "/timeline", user.bearer()).body())
                .contains("seat_message");
        assertThat(http.get("/debates/" + id + "/members", user.bearer()).body())
                .contains("\"id\":\"optimist\"", "\"role\":\"risk_officer\"", "\"name\":\"Systems Architect\"");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/leaderboard?category=parliament-test", user.bearer())
                        .body()
                        .contains("\"persona\":\"Risk Officer\""));
        assertThat(http.get("/leaderboard?category=parliament-test", user.bearer())
                        .body())
                .contains("\"persona\":\"Optimist\"", "\"persona\":\"Systems Architect\"");
    }

    @Test
    void aCustomPanelIsUsedSeatForSeat() {
        TestService.User user = service.newUser();
        String id = finished(
                user,
                "{\"prompt\": \"Should we rewrite our billing system in a new language?\", \"mode\": \"parliament\","
                        + " \"panel_config\": {\"seats\": ["
                        + "{\"seat_id\": \"sk\", \"display_name\": \"Doubter\", \"provider_key\": \"local\","
                        + " \"role_profile\": \"skeptic\", \"temperature\": 1.2},"
                        + "{\"seat_id\": \"ec\", \"display_name\": \"Bean Counter\", \"role_profile\": \"economist\"}],"
                        + " \"judged\": false}}");

        assertThat(http.get("/debates/" + id, user.bearer()).body()).contains("\"status\":\"completed\"");
        String events = http.get("/debates/" + id + "/events?after=0&limit=100", user.bearer())
                .body();
        assertThat(events)
                .contains("\"seat_name\":\"Doubter\"", "\"seat_id\":\"ec\"")
                .doesNotContain("\"score\"");
    }

    @Test
    void aBadPanelIsRefusedWithEveryBadFieldNamed() {
        TestService.User user = service.newUser();

        HttpResponse<String> refused = http.post(
                "/debates",
                "{\"prompt\": \"Should we rewrite our billing system in a new language?\", \"mode\": \"parliament\","
                        + " \"panel_config\": {\"seats\": ["
                        + "{\"seat_id\": \"Bad Id\", \"display_name\": \"A\", \"role_profile\": \"optimist\","
                        + " \"temperature\": 2.5},"
                        + "{\"seat_id\": \"b\", \"display_name\": \"B\", \"provider_key\": \"Open AI!\","
                        + " \"role_profile\": \"jester\"}]}}",
                user.bearer());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body())
                .contains("\"field\":\"panel_config.seats[0].seat_id\"")
                .contains("\"field\":\"panel_config.seats[0].temperature\"")
                .contains("\"field\":\"panel_config.seats[1].provider_key\"")
                .containsOnlyOnce("\"field\":\"panel_config.seats[1].role_profile\"");

        HttpResponse<String> badTolerance = http.post(
                "/debates",
                "{\"prompt\": \"Should we rewrite our billing system in a new language?\", \"mode\": \"parliament\","
                        + " \"panel_config\": {\"max_seat_fail_ratio\": 1.5, \"min_required_seats\": 9}}",
                user.bearer());
        assertThat(badTolerance.statusCode()).isEqualTo(422);
        assertThat(badTolerance.body())
                .contains("\"field\":\"panel_config.max_seat_fail_ratio\"")
                .contains("\"field\":\"panel_config.min_required_seats\"");

        StringBuilder nine = new StringBuilder("{\"prompt\": \"Should we rewrite our billing system?\", \"mode\":"
                + " \"parliament\", \"panel_config\": {\"seats\": [");
        for (int i = 0; i < 9; i++) {
            nine.append(i == 0 ? "" : ",")
                    .append("{\"seat_id\": \"s")
                    .append(i)
                    .append("\", \"display_name\": \"Seat ")
                    .append(i)
                    .append("\", \"role_profile\": \"optimist\"}");
        }
        HttpResponse<String> tooMany = http.post("/debates", nine + "]}}", user.bearer());
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(tooMany.body()).contains("\"code\":\"seats.count\"");

        HttpResponse<String> wrongMode = http.post(
                "/debates",
                "{\"prompt\": \"Should we rewrite our billing system?\", \"panel_config\": {}}",
                user.bearer());
        assertThat(wrongMode.statusCode()).isEqualTo(422);
        assertThat(wrongMode.body()).contains("\"code\":\"panel_config.mode\"");

        assertThat(http.get("/debates", user.bearer()).body()).contains("\"total\":0"); // nothing was created
    }

    @Test
    void aConversationTalksInRoundsWithSummaries() {
        TestService.User user = service.newUser();

        String id = finished(
                user,
                "{\"prompt\": \"How should a team of five share on-call duty fairly?\", \"mode\": \"conversation\","
                        + " \"config\": {\"conversation\": {\"rounds\": 2}}}");

        String debate = http.get("/debates/" + id, user.bearer()).body();
        assertThat(debate)
                .contains("\"status\":\"completed\"")
                .contains("\"mode\":\"conversation\"")
                .contains("\"final_content\":\"Synthesis:");
        String events = http.get("/debates/" + id + "/events?after=0&limit=100", user.bearer())
                .body();
        assertThat(events.split("\"type\":\"conversation_summary\"", -1)).hasSize(3);
        assertThat(events).contains("\"role\":\"delegate\"", "\"truncated\":false");

        HttpResponse<String> badRounds = http.post(
                "/debates",
                "{\"prompt\": \"How should a team of five share on-call duty?\", \"mode\": \"conversation\","
                        + " \"config\": {\"conversation\": {\"rounds\": 9, \"max_total_tokens\": -1}}}",
                user.bearer());
        assertThat(badRounds.statusCode()).isEqualTo(422);
        assertThat(badRounds.body())
                .contains("\"field\":\"config.conversation.rounds\"")
                .contains("\"field\":\"config.conversation.max_total_tokens\"");
    }
}
