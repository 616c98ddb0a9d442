package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        assertThat(created.body()).contains("\"role\":\"owner\"");
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
        assertThat(shared.body()).contains("\"team_id\":\"" + team + "\"");
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
        assertThat(http.get("/teams/" + team + "/members", viewer.bearer()).body())
                .contains(owner.email())
                .contains("\"role\":\"viewer\"");
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

    @Test
    void theModelCatalogueIsPublic() {
        assertThat(http.get("/models").body()).contains("\"id\":\"local\"").contains("\"provider\":\"local\"");
        assertThat(http.get("/models/default").body())
                .contains("\"id\":\"local\"")
                .contains("\"recommended\":true");
    }
}
