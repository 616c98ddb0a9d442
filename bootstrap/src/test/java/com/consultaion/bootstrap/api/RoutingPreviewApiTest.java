package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operators' routing preview: admins only, a plan named, the router's decision with its scores. */
class RoutingPreviewApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void anAdminSeesWhichModelAPlanWouldGetAndWhy() {
        TestService.User user = service.newUser();
        assertThat(http.get("/admin/routing/preview?plan=free").statusCode()).isEqualTo(401);
        assertThat(http.get("/admin/routing/preview?plan=free", user.bearer()).statusCode())
                .isEqualTo(403);
        String[] admin = service.otherAdmin();
        for (String policy : List.of("", "&policy=router-deep")) {
            JsonNode d = TestHttp.json(
                    http.get("/admin/routing/preview?plan=free" + policy, admin).body());
            assertThat(d.get("policy").asText()).isEqualTo(policy.isEmpty() ? "router-smart" : "router-deep");
            assertThat(d.get("routed_model").asText()).isEqualTo("local"); // the only usable model here
            assertThat(d.get("candidates").get(0).get("model").asText()).isEqualTo("local");
            assertThat(d.get("candidates").get(0).get("is_healthy").asBoolean()).isTrue();
        }
        for (String bad : List.of("", "?plan=", "?plan=platinum", "?plan=free&policy=router-magic")) {
            assertThat(http.get("/admin/routing/preview" + bad, admin).statusCode())
                    .as(bad)
                    .isEqualTo(422);
        }
    }
}
