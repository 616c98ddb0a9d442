package com.consultaion.adapter.rest.web;

import com.consultaion.adapter.rest.error.ApiError;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web page at {@code /}: one HTML shell and its ES modules and styles, read from the jar once. The assets are
 * served under {@code /assets/<version>/}, where the version is a hash of their content, so they are cached for a
 * year and a new build's page asks for new URLs; the shell itself is revalidated on every load. No inline script or
 * style, so the page's Content-Security-Policy ({@code SecurityHeadersFilter}) allows only this origin's files.
 */
@Controller
final class WebPage {

    static final String ROOT = "consultaion/web/";

    /** The page's files; the browser test fails on any it asks for and is not served. */
    static final List<String> ASSETS =
            List.of("app.js", "api.js", "dom.js", "debate.js", "board.js", "style.css", "icon.svg");

    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private static final class Asset {
        private final byte[] bytes;
        private final String type;

        Asset(byte[] bytes, String type) {
            this.bytes = bytes;
            this.type = type;
        }
    }

    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final String version;
    private final byte[] shell;

    WebPage() {
        MessageDigest digest = sha256();
        for (String name : ASSETS) {
            byte[] bytes = read(name);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
            assets.put(name, new Asset(bytes, TYPES.get(name.substring(name.lastIndexOf('.') + 1))));
        }
        version = HexFormat.of().formatHex(digest.digest(), 0, 8);
        shell = new String(read("index.html"), StandardCharsets.UTF_8)
                .replace("{{assets}}", "/assets/" + version)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The assets' version: part of their URLs. */
    String version() {
        return version;
    }

    @Get(value = "/", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> page() {
        return HttpResponse.ok(shell)
                .contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Cache-Control", "no-cache");
    }

    @Get(value = "/assets/{version}/{file}", produces = MediaType.ALL)
    HttpResponse<?> asset(@PathVariable String version, @PathVariable String file) {
        Asset asset = assets.get(file);
        if (asset == null || !version.equals(this.version)) {
            // An old page's URL after an upgrade, or a name that is not ours.
            return HttpResponse.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(ApiError.of("not_found", "No such asset; reload the page."));
        }
        return HttpResponse.ok(asset.bytes)
                .contentType(asset.type)
                .header("Cache-Control", "public, max-age=31536000, immutable");
    }

    private static byte[] read(String name) {
        try (InputStream in = WebPage.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the web page's " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
