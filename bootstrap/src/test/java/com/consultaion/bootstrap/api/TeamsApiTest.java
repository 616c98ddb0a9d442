package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Teams and sharing, with three users: the owner, a team member, and an outsider. */
class TeamsApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    private HttpResponse<String> patch(String path, String json, TestService.User user) {
        return http.send(http.request(path, user.bearer())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    @Test
    void aDebateSharedWithATeamIsVisibleToItsMembersOnlyAndOnlyItsOwnerControlsIt() {
        TestService.User owner = service.newUser();
        TestService.User member = service.newUser();
        TestService.User outsider = service.newUser();
        HttpResponse<String> created = http.post("/teams", "{\"name\": \"Research\"}", owner.bearer());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(TestHttp.field(created.body(), "role")).isEqualTo("owner");
        String team = TestService.field(created.body(), "id");
        assertThat(http.post(
                                "/teams/" + team + "/members",
                                "{\"email\": \"" + member.email() + "\", \"role\": \"viewer\"}",
                                owner.bearer())
                        .statusCode())
                .isEqualTo(201);
        String debate = TestService.field(
                http.post("/debates", "{\"prompt\": \"Which journal should we submit to?\"}", owner.bearer())
                        .body(),
                "id");

        assertThat(http.get("/debates/" + debate, member.bearer()).statusCode()).isEqualTo(404);
        HttpResponse<String> shared = patch("/debates/" + debate, "{\"team_id\": \"" + team + "\"}", owner);

        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(TestHttp.field(shared.body(), "team_id")).isEqualTo(team);
        assertThat(http.get("/debates/" + debate, member.bearer()).statusCode()).isEqualTo(200);
        assertThat(http.get("/debates", member.bearer()).body()).contains(debate);
        assertThat(http.get("/debates/" + debate + "/report", member.bearer()).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/debates/" + debate, outsider.bearer()).statusCode())
                .isEqualTo(404);
        assertThat(http.get("/debates", outsider.bearer()).body()).doesNotContain(debate);
        // a member may read, not control; an outsider learns nothing
        assertThat(http.post("/debates/" + debate + "/cancel", "", member.bearer())
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.post("/debates/" + debate + "/cancel", "", outsider.bearer())
                        .statusCode())
                .isEqualTo(404);
        assertThat(patch("/debates/" + debate, "{\"team_id\": \"\"}", member).statusCode())
                .isEqualTo(403);
        assertThat(patch("/debates/" + debate, "{\"team_id\": \"\"}", outsider).statusCode())
                .isEqualTo(404);
        // unsharing hides it again
        assertThat(patch("/debates/" + debate, "{\"team_id\": \"\"}", owner).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/debates/" + debate, member.bearer()).statusCode()).isEqualTo(404);
    }

    @Test
    void rolesAreValidatedAndOnlyManagersAddMembers() {
        TestService.User owner = service.newUser();
        TestService.User viewer = service.newUser();
        TestService.User outsider = service.newUser();
        String team = TestService.field(
                http.post("/teams", "{\"name\": \"Ops\"}", owner.bearer()).body(), "id");
        http.post("/teams/" + team + "/members", "{\"email\": \"" + viewer.email() + "\"}", owner.bearer());

        assertThat(http.post(
                                "/teams/" + team + "/members",
                                "{\"email\": \"" + outsider.email() + "\", \"role\": \"god\"}",
                                owner.bearer())
                        .statusCode())
                .isEqualTo(422);
        assertThat(http.post(
                                "/teams/" + team + "/members",
                                "{\"email\": \"" + outsider.email() + "\"}",
                                viewer.bearer())
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.get("/teams/" + team + "/members", outsider.bearer()).statusCode())
                .isEqualTo(404);
        JsonNode members = TestHttp.json(
                http.get("/teams/" + team + "/members", viewer.bearer()).body());
        assertThat(members.findValuesAsText("email")).contains(owner.email());
        assertThat(members.findValuesAsText("role")).contains("viewer");
        assertThat(http.get("/teams", viewer.bearer()).body()).contains(team);
        assertThat(http.get("/teams", outsider.bearer()).body()).doesNotContain(team);
        String foreign = TestService.field(
                http.post("/teams", "{\"name\": \"Elsewhere\"}", outsider.bearer())
                        .body(),
                "id");
        String debate = TestService.field(
                http.post("/debates", "{\"prompt\": \"May I share into a foreign team?\"}", owner.bearer())
                        .body(),
                "id");
        assertThat(patch("/debates/" + debate, "{\"team_id\": \"" + foreign + "\"}", owner)
                        .statusCode())
                .isEqualTo(422);
    }

    private int assign(String team, TestService.User target, String role, TestService.User by) {
        return http.post(
                        "/teams/" + team + "/members",
                        "{\"email\": \"" + target.email() + "\", \"role\": \"" + role + "\"}",
                        by.bearer())
                .statusCode();
    }

    private String roleIn(String team, TestService.User user, TestService.User by) {
        String body = http.get("/teams/" + team + "/members", by.bearer()).body();
        Matcher m = Pattern.compile("\"email\":\"" + Pattern.quote(user.email()) + "\",\"role\":\"(\\w+)\"")
                .matcher(body);
        return m.find() ? m.group(1) : "none";
    }

    /**
     * Every cell of actor role × target's current role × role given: owners may do anything, editors may add or
     * change viewers and editors only, viewers nothing, outsiders learn nothing (404). The creator stays an owner
     * throughout, so no cell here touches the last-owner rule.
     */
    @Test
    void everyCellOfTheRoleMatrixIsAllowedOrRefusedAsTheRulesSay() {
        TestService.User creator = service.newUser();
        TestService.User actor = service.newUser();
        TestService.User target = service.newUser();
        List<String> failures = new ArrayList<>();
        for (String actorRole : List.of("owner", "editor", "viewer", "outsider")) {
            for (String current : List.of("none", "viewer", "editor", "owner")) {
                for (String wanted : List.of("viewer", "editor", "owner")) {
                    String team = TestService.field(
                            http.post("/teams", "{\"name\": \"Matrix\"}", creator.bearer())
                                    .body(),
                            "id");
                    if (!actorRole.equals("outsider")) {
                        assertThat(assign(team, actor, actorRole, creator)).isEqualTo(201);
                    }
                    if (!current.equals("none")) {
                        assertThat(assign(team, target, current, creator)).isEqualTo(201);
                    }
                    int expected = switch (actorRole) {
                        case "owner" -> 201;
                        case "editor" -> wanted.equals("owner") || current.equals("owner") ? 403 : 201;
                        case "viewer" -> 403;
                        default -> 404;
                    };
                    int got = assign(team, target, wanted, actor);
                    String after = roleIn(team, target, creator);
                    String expectedAfter = expected == 201 ? wanted : current;
                    if (got != expected || !after.equals(expectedAfter)) {
                        failures.add(actorRole + " gives " + wanted + " to " + current + ": " + got + " (expected "
                                + expected + "), then " + after + " (expected " + expectedAfter + ")");
                    }
                    assertThat(roleIn(team, creator, creator)).isEqualTo("owner");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anEditorCannotTakeOverTheTeamAndTheLastOwnerCannotStepDown() {
        TestService.User owner = service.newUser();
        TestService.User editor = service.newUser();
        TestService.User second = service.newUser();
        String team = TestService.field(
                http.post("/teams", "{\"name\": \"Takeover\"}", owner.bearer()).body(), "id");
        assertThat(assign(team, editor, "editor", owner)).isEqualTo(201);

        // the reported attack: promote oneself, then demote the creator
        assertThat(assign(team, editor, "owner", editor)).isEqualTo(403);
        assertThat(assign(team, owner, "viewer", editor)).isEqualTo(403);
        assertThat(roleIn(team, owner, owner)).isEqualTo("owner");
        assertThat(roleIn(team, editor, owner)).isEqualTo("editor");

        HttpResponse<String> stepDown = http.post(
                "/teams/" + team + "/members",
                "{\"email\": \"" + owner.email() + "\", \"role\": \"editor\"}",
                owner.bearer());
        assertThat(stepDown.statusCode()).isEqualTo(409);
        assertThat(TestHttp.errorCode(stepDown.body())).isEqualTo("team.last_owner");
        // with a second owner, one may step down; then the other is the last and may not
        assertThat(assign(team, second, "owner", owner)).isEqualTo(201);
        assertThat(assign(team, owner, "viewer", owner)).isEqualTo(201);
        assertThat(assign(team, second, "editor", second)).isEqualTo(409);
        assertThat(roleIn(team, second, second)).isEqualTo("owner");
        // the demoted creator is a viewer now and changes nothing
        assertThat(assign(team, editor, "viewer", owner)).isEqualTo(403);
    }

    @Test
    void theModelCatalogueIsPublic() {
        JsonNode models = TestHttp.json(http.get("/models").body());
        assertThat(models.findValuesAsText("id")).contains("local");
        assertThat(models.findValuesAsText("provider")).contains("local");
        JsonNode fallback = TestHttp.json(http.get("/models/default").body());
        assertThat(fallback.get("id").asText()).isEqualTo("local");
        assertThat(fallback.get("recommended").asBoolean()).isTrue();
    }
}
