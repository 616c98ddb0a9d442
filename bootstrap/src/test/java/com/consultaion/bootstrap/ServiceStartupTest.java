package com.consultaion.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-configuration start: embedded PostgreSQL, migrations, real HTTP on a random loopback port. */
class ServiceStartupTest {

    @TempDir
    static Path dataDir;

    static ApplicationContext context;
    static TestHttp http;

    @BeforeAll
    static void start() {
        EmbeddedServer server = TestServers.start(Map.of("consultaion.data-dir", dataDir.toString()));
        context = server.getApplicationContext();
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void givenZeroConfiguration_whenHealthzIsCalled_thenTheServiceSaysOk() {
        HttpResponse<String> response = http.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"ok\"");
    }

    @Test
    void givenEmbeddedDatabaseMigrated_whenReadyzIsCalled_thenEveryCheckPasses() {
        HttpResponse<String> response = http.get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"status\":\"ready\"")
                .contains("\"database\":{\"status\":\"ok\"")
                .contains("schema at version")
                .contains("\"models\":{\"status\":\"ok\"");
    }

    @Test
    void versionNamesTheApplicationAndTheBuiltVersion() {
        HttpResponse<String> response = http.get("/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"app\":\"consultaion\"").doesNotContain("${project.version}");
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataInTheConfiguredDirectory() {
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
    }

    @Test
    void anUnknownPathWithoutCredentialsIsRefusedInTheApiErrorShape() {
        HttpResponse<String> response = http.get("/no/such/route");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"code\":\"auth.required\",\"message\":\"Authentication is required.\","
                        + "\"details\":{},\"retryable\":false,\"retry_after_seconds\":null}}");
    }

    @Test
    void theOpenApiDescriptionAndTheSwaggerUiAreServedWithoutCredentials() {
        HttpResponse<String> yaml = http.get("/openapi.yaml");
        HttpResponse<String> json = http.get("/openapi.json");
        HttpResponse<String> ui = http.get("/swagger-ui/index.html");
        HttpResponse<String> init = http.get("/swagger-ui/swagger-initializer.js");
        HttpResponse<String> bundle = http.get("/swagger-ui/swagger-ui-bundle.js");

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(yaml.body())
                .startsWith("openapi: 3.1.0")
                .contains("/debates/{id}:")
                .contains("/auth/login:");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(TestHttp.json(json.body()).get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).doesNotContain("unpkg.com").doesNotContain("<script>"); // no inline script
        assertThat(ui.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self';")
                .doesNotContain("script-src 'self' 'unsafe-inline'");
        assertThat(init.body()).contains("/openapi.json");
        assertThat(bundle.statusCode()).isEqualTo(200); // the UI's assets come from the jar
    }

    @Test
    void aSaneRequestIdIsEchoedAndAnInsaneOneIsReplaced() {
        HttpResponse<String> echoed = http.get("/healthz", "X-Request-ID", "abc-123");
        HttpResponse<String> replaced = http.get("/healthz", "X-Request-ID", "bad id\twith spaces");
        HttpResponse<String> generated = http.get("/healthz");

        assertThat(echoed.headers().firstValue("X-Request-ID")).hasValue("abc-123");
        assertThat(replaced.headers().firstValue("X-Request-ID"))
                .hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f-]{36}"));
        assertThat(generated.headers().firstValue("X-Request-ID")).isPresent();
    }
}
