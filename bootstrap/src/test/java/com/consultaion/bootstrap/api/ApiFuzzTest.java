package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.ContractValidator;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.consultaion.domain.json.JsonReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every operation of the service's own OpenAPI description: for each, a bounded number of generated
 * requests (valid ids, boundary and wrong-type parameters, oversized and malformed bodies, invalid UTF-8, lone
 * surrogates, injection strings), anonymous, as a user and as an admin. No answer may be a 5xx, every error
 * must have the API's one error shape, and every answer must be one the description declares, with a body that
 * matches its schema ({@link ContractValidator}). Seeded and bounded: {@code -Dfuzz.seed}, {@code -Dfuzz.perOperation}
 * (default 8), {@code -Dfuzz.seconds} (default 60); docs/quality.md shows a larger run.
 */
class ApiFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final int PER_OPERATION = Integer.getInteger("fuzz.perOperation", 8);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("fuzz.seconds", 60L));

    static EmbeddedServer server;
    static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(Map.of());
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One operation of the description: its path template, method, parameters and whether it takes a body. */
    record Operation(String path, String method, List<Map<String, Object>> parameters, boolean body) {}

    /** The operations of the description (its parameters' references resolved). */
    @SuppressWarnings("unchecked")
    static List<Operation> operations() {
        JsonNode spec = ContractValidator.spec();
        ObjectMapper json = new ObjectMapper();
        List<Operation> out = new ArrayList<>();
        spec.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                    List<Map<String, Object>> parameters = new ArrayList<>();
                    method.getValue()
                            .path("parameters")
                            .forEach(p -> parameters.add(json.convertValue(
                                    p.has("$ref")
                                            ? spec.at(p.get("$ref").asText().substring(1))
                                            : p,
                                    Map.class)));
                    out.add(new Operation(
                            path.getKey(),
                            method.getKey().toUpperCase(Locale.ROOT),
                            parameters,
                            method.getValue().has("requestBody")));
                }));
        return out;
    }

    private static final String[] ODD_STRINGS = {
        "",
        "0",
        "-1",
        "2147483648",
        "99999999999999999999",
        "abc",
        "1e309",
        "NaN",
        "true",
        "null",
        "' OR 1=1--",
        "\"; DROP TABLE users; --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "%00",
        "%FF%FE",
        "\u0000",
        "\uD83D\uDE00",
        "x".repeat(5_000)
    };

    private static String oddValue(Random r) {
        return r.nextInt(4) == 0 ? UUID.randomUUID().toString() : ODD_STRINGS[r.nextInt(ODD_STRINGS.length)];
    }

    private static byte[] oddBody(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "{}".getBytes(StandardCharsets.UTF_8);
            case 1 -> "[]".getBytes(StandardCharsets.UTF_8);
            case 2 -> "null".getBytes(StandardCharsets.UTF_8);
            case 3 -> "{\"prompt\": 12, \"name\": [], \"email\": {}, \"role\": 3.5}".getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"prompt\": \"" + "p".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8); // > 1 MiB
            case 5 -> ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8); // deep
            case 6 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}; // overlong
            case 7 -> "{\"prompt\": \"Should we \\ud800 adopt it now?\"}".getBytes(StandardCharsets.UTF_8);
            case 8 -> "{\"prompt\":".getBytes(StandardCharsets.UTF_8); // truncated
            case 9 ->
                ("{\"prompt\": \"Should we adopt a four-day week at work?\", \"name\": \"" + oddValue(r)
                                + "\", \"email\": \"fuzz@example.com\", \"password\": \"correct-Horse-7\"}")
                        .replace("\u0000", "\\u0000")
                        .getBytes(StandardCharsets.UTF_8);
            case 10 ->
                ("{\"limit\": " + oddValue(r).length() + ", \"team_id\": \"" + UUID.randomUUID() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            default -> ("{\"" + "k".repeat(r.nextInt(50) + 1) + "\": \"v\"}").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** A request of {@code op} with generated path parameters, query parameters and body. */
    private static HttpRequest request(Operation op, Random r, String[] auth) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (Map<String, Object> p : op.parameters()) {
            String name = String.valueOf(p.get("name"));
            String value = oddValue(r);
            if ("path".equals(p.get("in"))) {
                path = path.replace("{" + name + "}", value.isEmpty() ? "x" : encode(value));
            } else if ("query".equals(p.get("in")) && r.nextBoolean()) {
                query.append(query.isEmpty() ? "?" : "&")
                        .append(name)
                        .append('=')
                        .append(encode(value));
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURI() + path + query))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < auth.length; i += 2) {
            b.header(auth[i], auth[i + 1]);
        }
        HttpRequest.BodyPublisher body = op.body() || r.nextInt(5) == 0
                ? HttpRequest.BodyPublishers.ofByteArray(oddBody(r))
                : HttpRequest.BodyPublishers.noBody();
        return b.header("Content-Type", "application/json")
                .method(op.method(), body)
                .build();
    }

    /** Why {@code response} breaks the contract, or null when it keeps it. */
    @SuppressWarnings("unchecked")
    private static String broken(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "status " + status;
        }
        if (status < 400) {
            return null;
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "error without JSON ("
                    + response.headers().firstValue("Content-Type").orElse("none") + ")";
        }
        Object parsed;
        try {
            parsed = JsonReader.read(response.body());
        } catch (RuntimeException e) {
            return "error body is not JSON";
        }
        if (!(parsed instanceof Map<?, ?> top)
                || !(top.get("error") instanceof Map<?, ?> error)
                || !(error.get("code") instanceof String)
                || !(error.get("message") instanceof String)
                || !(error.get("details") instanceof Map<?, ?>)
                || !(error.get("retryable") instanceof Boolean)
                || !error.containsKey("retry_after_seconds")) {
            return "error body is not the API's error shape";
        }
        return null;
    }

    @Test
    void everyOperationAnswersGeneratedRequestsWithoutA5xxAndWithTheOneErrorShape() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(30);
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Operation op : operations) {
            // a fresh user and admin per operation: one operation may sign out or erase the account it runs as
            List<String[]> identities =
                    List.of(new String[0], TestServers.signIn(server, false), TestServers.signIn(server, true));
            for (int i = 0; i < PER_OPERATION && System.nanoTime() < deadline; i++) {
                HttpRequest request = request(op, random, identities.get(i % identities.size()));
                HttpResponse<String> response;
                try {
                    response = http.send(request);
                } catch (AssertionError e) {
                    failures.add("contract: " + e.getMessage()); // a status or body the description lacks
                    continue;
                } catch (RuntimeException e) {
                    failures.add(
                            op.method() + " " + request.uri().getRawPath() + ": no answer (" + e.getMessage() + ")");
                    continue;
                }
                sent++;
                String why = broken(response);
                if (why != null) {
                    failures.add(op.method() + " " + op.path() + " -> " + why + ": "
                            + response.body()
                                    .substring(0, Math.min(200, response.body().length())));
                }
            }
        }
        assertThat(sent).as("requests sent within the budget").isGreaterThan(operations.size());
        assertThat(failures).as("seed " + SEED).isEmpty();
    }
}
