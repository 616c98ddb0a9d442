package com.consultaion.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web page over HTTP: what it is served with (no browser needed). */
class WebPageTest {

    static final List<String> FILES =
            List.of("app.js", "api.js", "dom.js", "debate.js", "board.js", "style.css", "icon.svg");

    static EmbeddedServer server;
    static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of());
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String version(String page) {
        Matcher m = Pattern.compile("/assets/([0-9a-f]{16})/app\\.js").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    @Test
    void thePageIsPublicRevalidatedAndAllowsOnlyThisOriginsFilesWithNoInlineScriptOrStyle() {
        HttpResponse<String> page = http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains(
                        "default-src 'none'",
                        "script-src 'self'",
                        "style-src 'self'",
                        "connect-src 'self'",
                        "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.headers().firstValue("RateLimit-Limit")).isEmpty(); // static: not charged
        String html = page.body();
        assertThat(html).doesNotContain("{{").contains("lang=\"en\"", "name=\"viewport\"");
        // Every script is a file (no inline code), and nothing is styled inline.
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find())
                .isFalse();
        assertThat(html).doesNotContain(" style=", " on" + "click=");
    }

    @Test
    void assetsAreServedWithTheirTypesAndCachedForAYearUnderTheirContentVersion() {
        String version = version(http.get("/").body());
        for (String file : FILES) {
            HttpResponse<String> asset = http.get("/assets/" + version + "/" + file);
            assertThat(asset.statusCode()).as(file).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(asset.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String type = asset.headers().firstValue("Content-Type").orElseThrow();
            assertThat(type)
                    .startsWith(
                            file.endsWith(".js")
                                    ? "text/javascript"
                                    : file.endsWith(".css") ? "text/css" : "image/svg+xml");
        }
    }

    @Test
    void anotherVersionAnUnknownFileOrAPathOutsideTheAssetsIsNotFound() {
        String version = version(http.get("/").body());
        for (String path : List.of(
                "/assets/0000000000000000/app.js",
                "/assets/" + version + "/nope.js",
                "/assets/" + version + "/index.html",
                "/assets/" + version + "/..%2Fapplication.yml",
                "/assets/" + version + "/%2e%2e%2f%2e%2e%2fMETA-INF%2FMANIFEST.MF")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(TestHttp.errorCode(response.body())).as(path).isEqualTo("not_found");
        }
    }

    /** The page builds its elements from text: no HTML parsing of anything, no code from strings. */
    @Test
    void theScriptsNeverParseHtmlOrEvaluateStrings() throws IOException {
        for (String file : FILES.stream().filter(f -> f.endsWith(".js")).toList()) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("consultaion/web/" + file)) {
                assertThat(in).as(file).isNotNull();
                String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(code)
                        .as(file)
                        .doesNotContain(
                                "innerHTML",
                                "outerHTML =",
                                "insertAdjacentHTML",
                                "document.write",
                                "eval(",
                                "new Function",
                                "setTimeout(\"");
            }
        }
    }
}
