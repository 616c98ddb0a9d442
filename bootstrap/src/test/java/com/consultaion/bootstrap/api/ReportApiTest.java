package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report, timeline, members, judges and the exports of a finished debate, through real HTTP. */
class ReportApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void aFinishedDebateHasAReportATimelineAndItsPanel() {
        TestService.User alice = service.newUser();
        String id = service.finishedDebate(alice, "Should a library lend out power tools?");

        HttpResponse<String> report = http.get("/debates/" + id + "/report", alice.bearer());
        HttpResponse<String> timeline = http.get("/debates/" + id + "/timeline", alice.bearer());

        assertThat(report.statusCode()).isEqualTo(200);
        JsonNode r = TestHttp.json(report.body());
        assertThat(r.get("final").asText()).startsWith("Summary:");
        assertThat(r.get("messages_count").asInt()).isEqualTo(7);
        assertThat(r.get("ranking").get(0).has("persona")).isTrue();
        assertThat(r.get("rounds").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(r.get("rounds").get(0).get("phase").asText()).isEqualTo("draft");
        assertThat(r.at("/usage/input_tokens").isNumber()).isTrue();
        assertThat(timeline.statusCode()).isEqualTo(200);
        JsonNode items = TestHttp.json(timeline.body()).get("items");
        assertThat(items.get(0).get("event_id").asText()).isEqualTo("evt:1");
        assertThat(items.findValuesAsText("type")).contains("final");
        JsonNode members = TestHttp.json(
                http.get("/debates/" + id + "/members", alice.bearer()).body());
        assertThat(members.findValuesAsText("name")).contains("Analyst");
        assertThat(members.findValuesAsText("role")).contains("agent");
        JsonNode judges = TestHttp.json(
                http.get("/debates/" + id + "/judges", alice.bearer()).body());
        assertThat(judges.findValuesAsText("name")).contains("JudgeAlpha");
        assertThat(judges.findValuesAsText("type")).contains("judge");
    }

    @Test
    void theTimelineOfADebateStillRunningIs409() {
        TestService.User alice = service.newUser();
        String id = TestService.field(
                http.post("/debates", "{\"prompt\": \"Is the timeline ready yet, honestly?\"}", alice.bearer())
                        .body(),
                "id");

        HttpResponse<String> timeline = http.get("/debates/" + id + "/timeline", alice.bearer());

        assertThat(timeline.statusCode()).isIn(409, 200); // 200 only if the fast local model already finished
        if (timeline.statusCode() == 409) {
            assertThat(TestHttp.errorCode(timeline.body())).isEqualTo("debate.not_finished");
        }
    }

    @Test
    void theMarkdownExportHasEverySectionInOrder() {
        TestService.User alice = service.newUser();
        String id = service.finishedDebate(alice, "Should a library lend out power tools?");

        HttpResponse<String> md = http.post("/debates/" + id + "/export", "", alice.bearer());

        assertThat(md.statusCode()).isEqualTo(200);
        assertThat(md.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/markdown"));
        assertThat(md.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + id + ".md\"");
        List<String> headings = md.body().lines().filter(l -> l.startsWith("#")).toList();
        assertThat(headings)
                .containsSubsequence(
                        "# Debate " + id,
                        "## Question",
                        "## Agents",
                        "## Round 1 — draft",
                        "## Round 2 — critique",
                        "## Round 4 — synthesis",
                        "## Scores",
                        "## Ranking",
                        "## Final answer",
                        "## Usage");
        assertThat(md.body()).contains("| Candidate | Judge | Score | Rationale |");
    }

    @Test
    void theScoresCsvCannotBeReadAsFormulas() {
        TestService.User alice = service.newUser();
        String id = service.finishedDebate(alice, "Should a library lend out power tools?");

        HttpResponse<String> csv = http.get("/debates/" + id + "/scores.csv", alice.bearer());

        assertThat(csv.statusCode()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("persona,judge,criterion,score,rationale,timestamp");
        assertThat(lines).hasSize(1 + 6 * 5); // 2 judges x 3 candidates x 5 criteria
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(
                        l -> assertThat(l).startsWith("\"").doesNotContain(",=").doesNotContain(",\"="));
    }

    @Test
    void othersCannotReadReportsOrExports() {
        TestService.User alice = service.newUser();
        TestService.User bob = service.newUser();
        String id = service.finishedDebate(alice, "Should a library lend out power tools?");

        for (String path : List.of("/report", "/timeline", "/members", "/judges", "/scores.csv")) {
            assertThat(http.get("/debates/" + id + path, bob.bearer()).statusCode())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(http.post("/debates/" + id + "/export", "", bob.bearer()).statusCode())
                .isEqualTo(404);
    }
}
