package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.ListDebatesQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.bootstrap.ContractValidator;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import com.consultaion.domain.account.PasswordPolicy;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Aggregation;
import com.consultaion.domain.debate.Budget;
import com.consultaion.domain.debate.Category;
import com.consultaion.domain.debate.ClientConfigFields;
import com.consultaion.domain.debate.Conversation;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.RoleProfile;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.event.EventType;
import com.consultaion.domain.routing.Router.Policy;
import com.consultaion.domain.team.TeamRole;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description is the contract, and true: a real validator (swagger-parser) finds no error in it, the
 * server serves exactly its routes, its public routes are exactly the ones that answer without credentials, and
 * its bounds, enums and event shapes are the ones the code enforces (read from the same constants and types).
 * That real responses match its schemas is checked on every response of every API test ({@link
 * ContractValidator}, through {@link TestHttp}).
 */
class OpenApiContractTest {

    private static EmbeddedServer server;
    private static TestHttp http;
    private static final JsonNode SPEC = ContractValidator.spec();

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of());
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRealValidatorFindsNoErrorInTheDescription() throws Exception {
        String yaml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ContractValidator.RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).hasSizeGreaterThanOrEqualTo(45);
        // Every operation names its errors (the one error shape) and has an id, for generated clients.
        result.getOpenAPI()
                .getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                    assertThat(op.getOperationId()).as(method + " " + path).isNotBlank();
                    assertThat(op.getResponses()).as(method + " " + path).isNotEmpty();
                }));
    }

    /** "METHOD /path" of every route the server has, its query template removed. */
    private static Set<String> servedRoutes() {
        return server.getApplicationContext()
                .getBean(Router.class)
                .uriRoutes()
                .map(r -> ((UriRouteInfo<?, ?>) r).getHttpMethodName() + " "
                        + ((UriRouteInfo<?, ?>) r)
                                .getUriMatchTemplate()
                                .toString()
                                .replaceAll("\\{\\?[^}]*}", ""))
                .map(r -> r.replaceAll("(?<! )/$", "")) // a trailing slash, but not the root's
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> describedRoutes() {
        Set<String> routes = new TreeSet<>();
        SPEC.get("paths")
                .fields()
                .forEachRemaining(p -> p.getValue()
                        .fieldNames()
                        .forEachRemaining(m -> routes.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return routes;
    }

    @Test
    void theServerServesExactlyTheDescribedRoutes() {
        Set<String> served = servedRoutes();
        // The Swagger UI's static assets are pages, not API operations; HEAD is answered for every GET (as HTTP
        // has it) and not described apart.
        served.removeIf(r -> r.contains("/swagger-ui"));
        served.removeIf(r -> r.startsWith("HEAD ") && served.contains("GET " + r.substring(5)));
        assertThat(served).containsExactlyInAnyOrderElementsOf(describedRoutes());
    }

    private static boolean isPublic(JsonNode operation) {
        JsonNode security = operation.path("security");
        return security.isArray() && security.isEmpty();
    }

    @Test
    void theDescribedPublicRoutesAreExactlyTheOnesThatAnswerWithoutCredentials() {
        List<String> wrong = new ArrayList<>();
        SPEC.get("paths")
                .fields()
                .forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
                    String path = p.getKey()
                            .replace("{id}", UUID.randomUUID().toString())
                            .replace("{persona}", "Nobody")
                            .replaceAll("\\{[a-z]+}", "x");
                    String method = m.getKey().toUpperCase(Locale.ROOT);
                    HttpResponse<String> response = http.send(http.request(path)
                            .header("Content-Type", "application/json")
                            .method(
                                    method,
                                    method.equals("GET") || method.equals("DELETE")
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString("{}"))
                            .build());
                    boolean refused =
                            response.statusCode() == 401 && "auth.required".equals(TestHttp.errorCode(response.body()));
                    if (refused == isPublic(m.getValue())) {
                        wrong.add(method + " " + p.getKey() + " answered " + response.statusCode()
                                + " without credentials" + " but is described as "
                                + (isPublic(m.getValue()) ? "public" : "needing credentials"));
                    }
                }));
        assertThat(wrong).isEmpty();
    }

    private static JsonNode schema(String name) {
        return SPEC.at("/components/schemas/" + name);
    }

    private static JsonNode parameter(String path, String method, String name) {
        for (JsonNode p : SPEC.at("/paths/" + path.replace("/", "~1") + "/" + method + "/parameters")) {
            JsonNode resolved = p.has("$ref") ? SPEC.at(p.get("$ref").asText().substring(1)) : p;
            if (resolved.get("name").asText().equals(name)) {
                return resolved.get("schema");
            }
        }
        throw new AssertionError("no parameter " + name + " on " + method + " " + path);
    }

    private static <E extends Enum<E>> List<String> wire(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void itsBoundsAndEnumsAreTheOnesTheServiceEnforces() {
        JsonNode start = schema("StartDebate").get("properties");
        assertThat(start.at("/prompt/minLength").asInt()).isEqualTo(Prompt.MIN_LENGTH);
        assertThat(start.at("/prompt/maxLength").asInt()).isEqualTo(Prompt.MAX_LENGTH);
        assertThat(start.at("/category/maxLength").asInt()).isEqualTo(Category.MAX_LENGTH);
        JsonNode config = schema("DebateConfigRequest").get("properties");
        assertThat(config.at("/agents/minItems").asInt()).isEqualTo(DebateConfig.MIN_AGENTS);
        assertThat(config.at("/agents/maxItems").asInt()).isEqualTo(DebateConfig.MAX_AGENTS);
        assertThat(config.at("/judges/maxItems").asInt()).isEqualTo(DebateConfig.MAX_JUDGES);
        assertThat(config.at("/rounds/maximum").asInt()).isEqualTo(DebateConfig.MAX_CRITIQUE_ROUNDS);
        assertThat(config.at("/synthesizers/maxItems").asInt()).isEqualTo(DebateConfig.MAX_SYNTHESIZERS);
        assertThat(config.at("/call_timeout_seconds/default").asLong())
                .isEqualTo(DebateConfig.DEFAULT_CALL_TIMEOUT.toSeconds());
        assertThat(config.at("/deadline_seconds/default").asLong())
                .isEqualTo(DebateConfig.DEFAULT_DEADLINE.toSeconds());
        assertThat(schema("AgentRequest").at("/properties/persona/maxLength").asInt())
                .isEqualTo(AgentSpec.MAX_PERSONA_LENGTH);
        assertThat(schema("JudgeRequest").at("/properties/criteria/maxItems").asInt())
                .isEqualTo(JudgeSpec.MAX_CRITERIA);
        JsonNode budget = schema("Budget").get("properties");
        assertThat(budget.at("/max_tokens/minimum").asLong()).isEqualTo(Budget.MIN_TOKENS);
        assertThat(budget.at("/max_tokens/maximum").asLong()).isEqualTo(Budget.MAX_TOKENS);
        assertThat(budget.at("/max_tokens/default").asLong()).isEqualTo(Budget.DEFAULT.maxTokens());
        assertThat(budget.at("/max_cost_usd/maximum").asDouble()).isEqualTo(Budget.MAX_COST_USD);
        assertThat(schema("ConversationSettings")
                        .at("/properties/rounds/maximum")
                        .asInt())
                .isEqualTo(Conversation.MAX_ROUNDS);
        assertThat(schema("ConversationSettings")
                        .at("/properties/max_total_tokens/default")
                        .asLong())
                .isEqualTo(Conversation.DEFAULT.maxTotalTokens());
        JsonNode panel = schema("PanelRequest").get("properties");
        assertThat(panel.at("/seats/minItems").asInt()).isEqualTo(Panel.MIN_SEATS);
        assertThat(panel.at("/seats/maxItems").asInt()).isEqualTo(Panel.MAX_SEATS);
        assertThat(panel.at("/engine_version/const").asText()).isEqualTo(ClientConfigFields.ENGINE_VERSION);
        assertThat(schema("Seat").at("/properties/temperature/default").asDouble())
                .isEqualTo(Panel.Seat.DEFAULT_TEMPERATURE);
        JsonNode credentials = schema("Credentials").get("properties");
        assertThat(credentials.at("/password/minLength").asInt()).isEqualTo(PasswordPolicy.MIN_LENGTH);
        assertThat(credentials.at("/password/maxLength").asInt()).isEqualTo(PasswordPolicy.MAX_LENGTH);

        assertThat(parameter("/debates", "get", "limit").get("maximum").asInt()).isEqualTo(ListDebatesQuery.MAX_LIMIT);
        assertThat(parameter("/debates", "get", "offset").get("maximum").asInt())
                .isEqualTo(ListDebatesQuery.MAX_OFFSET);
        assertThat(parameter("/debates/{id}/events", "get", "limit")
                        .get("maximum")
                        .asInt())
                .isEqualTo(ReadDebateEventsQuery.MAX_LIMIT);
        assertThat(parameter("/leaderboard", "get", "limit").get("maximum").asInt())
                .isEqualTo(LeaderboardQueries.MAX_LIMIT);
        assertThat(parameter("/leaderboard", "get", "limit").get("default").asInt())
                .isEqualTo(LeaderboardQueries.DEFAULT_LIMIT);
        assertThat(parameter("/leaderboard", "get", "min_matches")
                        .get("maximum")
                        .asInt())
                .isEqualTo(LeaderboardQueries.MAX_MIN_MATCHES);

        assertThat(texts(schema("DebateStatus").get("enum")))
                .containsExactlyElementsOf(wire(DebateStatus.values(), DebateStatus::wireName));
        assertThat(texts(schema("DebateMode").get("enum")))
                .containsExactlyElementsOf(wire(DebateMode.values(), DebateMode::wireName));
        assertThat(texts(schema("RoutingPolicy").get("enum")))
                .containsExactlyElementsOf(wire(Policy.values(), Policy::wireName));
        assertThat(texts(schema("Aggregation").get("enum")))
                .containsExactlyElementsOf(wire(Aggregation.values(), Aggregation::wireName));
        assertThat(texts(schema("RoleProfile").get("enum")))
                .containsExactlyElementsOf(wire(RoleProfile.values(), RoleProfile::wireName));
        assertThat(texts(schema("LiveDelta").at("/properties/task/enum")))
                .containsExactlyElementsOf(wire(ChatTask.values(), t -> t.name().toLowerCase(Locale.ROOT)));
        assertThat(texts(schema("TeamRole").get("enum")))
                .containsExactlyElementsOf(wire(TeamRole.values(), r -> r.name().toLowerCase(Locale.ROOT)));
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @Test
    void everyEventTypeIsDescribedWithExactlyItsFields() {
        List<Class<?>> payloads = Stream.of(EventPayload.class.getPermittedSubclasses())
                .filter(c -> c.isAnnotationPresent(EventType.class))
                .toList();
        assertThat(texts(schema("EventType").get("enum")))
                .containsExactlyElementsOf(payloads.stream()
                        .map(c -> c.getAnnotation(EventType.class).value())
                        .toList());
        assertThat(SPEC.at("/components/schemas/DebateEvent/oneOf")).hasSize(payloads.size());
        for (Class<?> payload : payloads) {
            String type = payload.getAnnotation(EventType.class).value();
            JsonNode described = null;
            for (JsonNode ref : SPEC.at("/components/schemas/DebateEvent/oneOf")) {
                JsonNode s = SPEC.at(ref.get("$ref").asText().substring(1));
                if (s.at("/properties/type/const").asText().equals(type)) {
                    described = s;
                }
            }
            assertThat(described).as(type).isNotNull();
            Set<String> fields = new TreeSet<>(Stream.of(payload.getRecordComponents())
                    .map(RecordComponent::getName)
                    .map(OpenApiContractTest::snake)
                    .toList());
            fields.add("type");
            Set<String> properties = new TreeSet<>();
            described.get("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).as(type).isEqualTo(fields);
            assertThat(texts(described.get("required"))).as(type).containsExactlyInAnyOrderElementsOf(fields);
        }
    }
}
