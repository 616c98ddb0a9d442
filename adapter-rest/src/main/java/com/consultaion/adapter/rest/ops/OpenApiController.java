package com.consultaion.adapter.rest.ops;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI description, the contract (written by hand, checked by the build against the running routes, the
 * service's own bounds and real responses): as YAML at {@code /openapi.yaml} and as JSON at {@code /openapi.json},
 * public, each with its media type; read once.
 */
@Controller
final class OpenApiController {

    /** Where the description lives on the class path. */
    static final String RESOURCE = "META-INF/openapi/consultaion.yaml";

    private static final MediaType YAML = MediaType.of("application/yaml");

    private final byte[] yaml;
    private final byte[] json;

    OpenApiController(JsonMapper mapper) {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            this.yaml = Objects.requireNonNull(in, RESOURCE + " is missing").readAllBytes();
            Map<String, Object> tree =
                    new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(yaml, StandardCharsets.UTF_8));
            this.json = mapper.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI description", e);
        }
    }

    @Get(value = "/openapi.yaml", produces = "application/yaml")
    HttpResponse<byte[]> yaml() {
        return HttpResponse.ok(yaml.clone()).contentType(YAML).header("Cache-Control", "public, max-age=300");
    }

    @Get(value = "/openapi.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> json() {
        return HttpResponse.ok(json.clone())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "public, max-age=300");
    }
}
