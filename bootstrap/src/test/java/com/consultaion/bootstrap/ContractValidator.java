package com.consultaion.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks real responses against the OpenAPI description (the contract): a response to an operation the
 * description has must have a status it declares, and a JSON body that validates against that status's schema
 * (JSON Schema 2020-12, as OpenAPI 3.1 uses it). Every response {@link TestHttp} receives passes through here, so
 * each API test checks the description too. Paths the description lacks (attacks on unknown routes) are not
 * checked here; {@code OpenApiContractTest} checks that the routes and the description agree.
 */
public final class ContractValidator {

    public static final String RESOURCE = "META-INF/openapi/consultaion.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SPEC = load();
    private static final List<Route> ROUTES = routes();
    private static final SchemaRegistry FACTORY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ContractValidator() {}

    /** The description, parsed. */
    public static JsonNode spec() {
        return SPEC;
    }

    private record Route(String method, String template, Pattern pattern) {}

    private static JsonNode load() {
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return JSON.valueToTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        SPEC.get("paths")
                .fields()
                .forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                    String regex = p.getKey().replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/]+");
                    routes.add(new Route(m.toUpperCase(Locale.ROOT), p.getKey(), Pattern.compile(regex + "/?")));
                }));
        // Literal paths first, so /models/default is not read as /models/{id}.
        routes.sort((a, b) -> Long.compare(
                a.template().chars().filter(c -> c == '{').count(),
                b.template().chars().filter(c -> c == '{').count()));
        return routes;
    }

    /** The description's operation for this method and path, as {@code "METHOD /template"}. */
    public static Optional<String> operation(String method, String path) {
        return ROUTES.stream()
                .filter(r ->
                        r.method().equals(method) && r.pattern().matcher(path).matches())
                .map(r -> r.method() + " " + r.template())
                .findFirst();
    }

    /** Throws {@link AssertionError} naming what breaks the contract; silent for paths the description lacks. */
    public static void check(String method, URI uri, HttpResponse<String> response) {
        Optional<String> found = operation(method, uri.getPath());
        if (found.isEmpty()) {
            return;
        }
        String[] op = found.get().split(" ", 2);
        JsonNode responses = SPEC.at("/paths/" + escape(op[1]) + "/" + op[0].toLowerCase(Locale.ROOT) + "/responses");
        String status = Integer.toString(response.statusCode());
        if (!responses.has(status)) {
            throw new AssertionError(found.get() + " answered " + status + ", which the OpenAPI description does not"
                    + " declare (it declares " + names(responses) + "): " + abbreviate(response.body()));
        }
        JsonNode declared = resolve(responses.get(status));
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode content = declared.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return;
        }
        String media = contentType.split(";", 2)[0].strip();
        if (!content.has(media)) {
            throw new AssertionError(found.get() + " " + status + " answered " + contentType
                    + ", which the description does not declare (" + names(content) + ")");
        }
        if (!media.equals("application/json")) {
            return;
        }
        String pointer = "/paths/" + escape(op[1]) + "/" + op[0].toLowerCase(Locale.ROOT) + "/responses/" + status;
        pointer = responses.get(status).has("$ref")
                ? responses.get(status).get("$ref").asText().substring(1)
                : pointer;
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(found.get() + " " + status + " is not JSON: " + abbreviate(response.body()));
        }
        List<Error> errors =
                schema(pointer + "/content/application~1json/schema").validate(body);
        if (!errors.isEmpty()) {
            throw new AssertionError(found.get() + " " + status + " does not match its schema: " + errors + " in "
                    + abbreviate(response.body()));
        }
    }

    /** Throws {@link AssertionError} unless {@code value} matches the description's schema {@code name}. */
    public static void validate(String name, JsonNode value) {
        List<Error> errors = schema("/components/schemas/" + name).validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError(value + " does not match the schema " + name + ": " + errors);
        }
    }

    private static Schema schema(String pointer) {
        return SCHEMAS.computeIfAbsent(pointer, p -> {
            ObjectNode root = SPEC.deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#" + p);
            return FACTORY.getSchema(SchemaLocation.of("urn:consultaion:openapi"), root);
        });
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? SPEC.at(node.get("$ref").asText().substring(1)) : node;
    }

    static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return String.join(", ", names);
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 400 ? body : body.substring(0, 400) + "…";
    }
}
