package com.consultaion.adapter.rest.mcp;

import com.consultaion.adapter.rest.config.ModelView;
import com.consultaion.adapter.rest.debate.Reports;
import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.error.CoreErrors;
import com.consultaion.adapter.rest.leaderboard.RatingView;
import com.consultaion.adapter.rest.ops.BuildInfo;
import com.consultaion.adapter.rest.security.RateLimitFilter;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.ExportDebateUseCase;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.RateLimitQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.Violations;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import io.micronaut.http.HttpResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * "Ask the council" as MCP tools and resources, each a thin translation to the core's use cases, acting as the
 * caller's account (the API key's): plan limits, quotas and audit are the HTTP API's, and so are the error codes
 * and messages (a core error becomes an MCP error whose {@code data} is the API's error body).
 */
@Singleton
final class CouncilTools {

    static final String PRINCIPAL = "consultaion.principal";
    static final String CLIENT = "consultaion.client";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int DEFAULT_WAIT_SECONDS = 600;
    private static final int MAX_WAIT_SECONDS = 3600;
    /** JSON-RPC's implementation-defined server error: refused for a reason in {@code data.error.code}. */
    static final int REFUSED = -32000;

    private static final Pattern DEBATE_URI = Pattern.compile("debate://([0-9a-fA-F-]{36})/(report|transcript)");
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};
    private static final Set<String> START_ARGUMENTS =
            Set.of("prompt", "mode", "model_id", "routing_policy", "config", "panel_config", "category");

    private final StartDebateUseCase start;
    private final GetTranscriptQuery transcripts;
    private final ReadDebateEventsQuery events;
    private final CancelDebateUseCase cancel;
    private final ExportDebateUseCase exports;
    private final ModelQueries models;
    private final LeaderboardQueries leaderboard;
    private final RateLimitQuery limits;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private final McpAsyncServer server;

    CouncilTools(
            McpSessions sessions,
            BuildInfo build,
            StartDebateUseCase start,
            GetTranscriptQuery transcripts,
            ReadDebateEventsQuery events,
            CancelDebateUseCase cancel,
            ExportDebateUseCase exports,
            ModelQueries models,
            LeaderboardQueries leaderboard,
            RateLimitQuery limits) {
        this.start = start;
        this.limits = limits;
        this.transcripts = transcripts;
        this.events = events;
        this.cancel = cancel;
        this.exports = exports;
        this.models = models;
        this.leaderboard = leaderboard;
        this.server = McpServer.async(sessions)
                .serverInfo("consultaion", build.version())
                .instructions("Consultaion runs a council of language models on a question: agents answer and"
                        + " critique each other, judges score them, and a synthesis is written. ask_council runs one"
                        + " and returns its synthesis, ranking, scores and cost.")
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                .requestTimeout(Duration.ofSeconds(MAX_WAIT_SECONDS + 60))
                // The core checks the arguments, so errors carry the HTTP API's codes and messages; the schemas
                // advertise the same bounds to clients.
                .validateToolInputs(false)
                .tools(
                        tool("ask_council", ASK_DESCRIPTION, startSchema(true), this::ask),
                        tool(
                                "start_debate",
                                "Starts a debate and returns at once with its id and status; follow it"
                                        + " with get_debate.",
                                startSchema(false),
                                this::startDebate),
                        tool(
                                "get_debate",
                                "A debate's report: status, synthesis (final), ranking, scores, rounds" + " and usage.",
                                ID_SCHEMA,
                                this::getDebate),
                        tool("cancel_debate", "Cancels a queued or running debate.", ID_SCHEMA, this::cancelDebate),
                        tool(
                                "list_models",
                                "The model catalogue: ids to use as model_id, tiers, prices per 1,000"
                                        + " tokens, and whether each is available now.",
                                EMPTY_SCHEMA,
                                this::listModels),
                        tool(
                                "leaderboard",
                                "The agents' ratings (Bradley-Terry with 95% intervals), best first.",
                                LEADERBOARD_SCHEMA,
                                this::board))
                .resourceTemplates(
                        template(
                                "debate://{id}/report",
                                "report",
                                "text/markdown",
                                "A finished debate's report in Markdown (an export: the plan must include exports)"),
                        template(
                                "debate://{id}/transcript",
                                "transcript",
                                "application/json",
                                "A debate's report as JSON: prompt, status, synthesis, scores, ranking, rounds, usage"))
                .build();
    }

    McpJsonMapper json() {
        return json;
    }

    @PreDestroy
    void close() {
        server.closeGracefully().block(Duration.ofSeconds(5));
    }

    /** What a tool knows of its caller, carried from the HTTP request through the SDK. */
    static McpTransportContext context(AuthenticateQuery.Principal principal, ClientContext client) {
        return McpTransportContext.create(Map.of(PRINCIPAL, principal, CLIENT, client));
    }

    private static Requester requester(McpAsyncServerExchange exchange) {
        return ((AuthenticateQuery.Principal) exchange.transportContext().get(PRINCIPAL)).requester();
    }

    private static ClientContext client(McpAsyncServerExchange exchange) {
        return (ClientContext) exchange.transportContext().get(CLIENT);
    }

    // ---- tools ----

    private static final String ASK_DESCRIPTION = "Asks the council: runs a debate on the prompt (agents answer and"
            + " critique each other, judges score the answers, a synthesis is written) and returns when it has"
            + " finished: the synthesis, the ranking, every score, the cost and the debate's id. Sends progress"
            + " notifications as the debate advances when the request has a progress token. If it runs longer than"
            + " wait_seconds, returns its id and status; the debate goes on, and get_debate reads it later.";

    private Mono<McpSchema.CallToolResult> ask(
            McpAsyncServerExchange exchange, Map<String, Object> args, Object token) {
        Map<String, Object> startArgs = new LinkedHashMap<>(args);
        Object wait = startArgs.remove("wait_seconds");
        int waitSeconds = boundedInt("wait_seconds", wait, 1, MAX_WAIT_SECONDS, DEFAULT_WAIT_SECONDS);
        Requester requester = requester(exchange);
        return blocking(() -> start(exchange, startArgs))
                .flatMap(debate -> follow(
                                exchange,
                                debate.id(),
                                requester,
                                0,
                                0,
                                Instant.now().plusSeconds(waitSeconds),
                                token)
                        .then(blocking(() -> report(debate.id(), requester))));
    }

    /**
     * Starts a debate as {@code POST /debates} does, charged to the same rate limit (the filter charges an MCP
     * request as a write, whatever its tool).
     */
    private Debate start(McpAsyncServerExchange exchange, Map<String, Object> args) {
        AuthenticateQuery.Principal principal =
                (AuthenticateQuery.Principal) exchange.transportContext().get(PRINCIPAL);
        Optional<TokenBucket.Decision> decision =
                limits.check("user:" + principal.userId(), RateLimitPolicy.Operation.START_DEBATE);
        if (decision.isPresent() && !decision.get().allowed()) {
            HttpResponse<ApiError> refused = RateLimitFilter.refusal(decision.get());
            throw error(refused.code(), refused.body());
        }
        return start.start(command(principal.requester(), args), client(exchange));
    }

    private Mono<McpSchema.CallToolResult> startDebate(
            McpAsyncServerExchange exchange, Map<String, Object> args, Object token) {
        return blocking(() -> {
            Debate debate = start(exchange, args);
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("id", debate.id().toString());
            started.put("status", debate.status().wireName());
            started.put("mode", debate.mode().wireName());
            return result(
                    started,
                    "Started debate " + debate.id() + " (" + debate.status().wireName() + ").");
        });
    }

    private Mono<McpSchema.CallToolResult> getDebate(
            McpAsyncServerExchange exchange, Map<String, Object> args, Object token) {
        DebateId id = debateId(args);
        return blocking(() -> report(id, requester(exchange)));
    }

    private Mono<McpSchema.CallToolResult> cancelDebate(
            McpAsyncServerExchange exchange, Map<String, Object> args, Object token) {
        DebateId id = debateId(args);
        Requester requester = requester(exchange);
        return blocking(() -> {
            Debate cancelled = cancel.cancel(id, requester).orElseThrow(CouncilTools::notFound);
            return report(cancelled.id(), requester);
        });
    }

    private Mono<McpSchema.CallToolResult> listModels(
            McpAsyncServerExchange exchange, Map<String, Object> args, Object token) {
        noArguments(args, Set.of());
        return blocking(() -> {
            List<Map<String, Object>> items =
                    models.models().stream().map(ModelView::json).toList();
            return serialized(Map.of("models", items));
        });
    }

    private Mono<McpSchema.CallToolResult> board(
            McpAsyncServerExchange exchange, Map<String, Object> args, Object token) {
        noArguments(args, Set.of("category", "limit"));
        Object category = args.get("category");
        if (category != null && !(category instanceof String)) {
            throw invalid("category", "category.invalid", "must be a string");
        }
        int limit = boundedInt(
                "limit", args.get("limit"), 1, LeaderboardQueries.MAX_LIMIT, LeaderboardQueries.DEFAULT_LIMIT);
        return blocking(() -> {
            List<Map<String, Object>> items = leaderboard.board((String) category, 0, limit).stream()
                    .map(RatingView::entry)
                    .toList();
            return serialized(Map.of("items", items));
        });
    }

    /**
     * Follows a debate's stored events until one ends it or {@code until}, sending a progress notification for
     * each step when the client asked for progress. Cancelled with the request (a client that goes away); the
     * debate itself goes on.
     */
    private Mono<Void> follow(
            McpAsyncServerExchange exchange,
            DebateId id,
            Requester requester,
            long after,
            int steps,
            Instant until,
            Object token) {
        return blocking(() -> events.readAfter(id, requester, after, ReadDebateEventsQuery.MAX_LIMIT)
                        .orElse(List.of()))
                .flatMap(batch -> {
                    Mono<Void> sent = Mono.empty();
                    int step = steps;
                    for (DebateEvent e : batch) {
                        Optional<String> says = progressMessage(e);
                        if (token != null && says.isPresent()) {
                            step++;
                            McpSchema.ProgressNotification note =
                                    new McpSchema.ProgressNotification(token, (double) step, null, says.get(), null);
                            sent = sent.then(exchange.progressNotification(note));
                        }
                    }
                    long last = batch.isEmpty()
                            ? after
                            : batch.get(batch.size() - 1).seq();
                    boolean ended = batch.stream().anyMatch(DebateEvent::terminal);
                    if (ended || Instant.now().isAfter(until)) {
                        return sent;
                    }
                    int next = step;
                    return sent.then(Mono.delay(POLL)).then(follow(exchange, id, requester, last, next, until, token));
                });
    }

    /** A line a person watching a client would want: the debate's steps, not every fragment. */
    static Optional<String> progressMessage(DebateEvent e) {
        Map<String, Object> f = e.wireFields();
        return Optional.ofNullable(
                switch (e.type()) {
                    case "debate_created" -> "debate " + e.debateId() + " created";
                    case "round_started" -> "round " + f.get("round") + " started";
                    case "message", "seat_message" -> f.get(f.containsKey("agent") ? "agent" : "seat") + " answered";
                    case "score" -> f.get("judge") + " scored " + f.get("candidate") + ": " + f.get("score");
                    case "ranking" -> "ranking decided";
                    case "final" -> "synthesis written";
                    case "debate_failed" -> "debate failed";
                    case "debate_cancelled" -> "debate cancelled";
                    default -> null;
                });
    }

    private McpSchema.CallToolResult report(DebateId id, Requester requester) {
        GetTranscriptQuery.Transcript t = transcripts.transcript(id, requester).orElseThrow(CouncilTools::notFound);
        Map<String, Object> report = new LinkedHashMap<>(Reports.report(t));
        StringBuilder text =
                new StringBuilder("Debate " + id + ": " + t.debate().status().wireName() + ".");
        if (!t.debate().status().isTerminal()) {
            text.append(" Still running; call get_debate with this id for the result.");
        }
        t.ranking()
                .ifPresent(r -> text.append("\nRanking: ")
                        .append(String.join(
                                " > ",
                                r.ranking().stream().map(c -> c.candidate()).toList())));
        t.debate().finalContent().ifPresent(c -> text.append("\n\n").append(c));
        return result(report, text.toString());
    }

    // ---- resources ----

    private Mono<McpSchema.ReadResourceResult> read(McpAsyncServerExchange exchange, McpSchema.ReadResourceRequest r) {
        Matcher m = DEBATE_URI.matcher(r.uri());
        if (!m.matches()) {
            return Mono.error(McpError.RESOURCE_NOT_FOUND.apply(r.uri()));
        }
        DebateId id = parseId(m.group(1)).orElse(null);
        if (id == null) {
            return Mono.error(McpError.RESOURCE_NOT_FOUND.apply(r.uri()));
        }
        Requester requester = requester(exchange);
        return blocking(() -> {
            if (m.group(2).equals("report")) {
                GetTranscriptQuery.Transcript t = exports.export(
                                id, requester, ExportDebateUseCase.Format.MARKDOWN, client(exchange))
                        .orElseThrow(() -> McpError.RESOURCE_NOT_FOUND.apply(r.uri()));
                return new McpSchema.ReadResourceResult(
                        List.of(new McpSchema.TextResourceContents(
                                r.uri(), "text/markdown", Reports.markdown(t), null)),
                        null);
            }
            GetTranscriptQuery.Transcript t =
                    transcripts.transcript(id, requester).orElseThrow(() -> McpError.RESOURCE_NOT_FOUND.apply(r.uri()));
            return new McpSchema.ReadResourceResult(
                    List.of(new McpSchema.TextResourceContents(
                            r.uri(), "application/json", json.writeValueAsString(Reports.report(t)), null)),
                    null);
        });
    }

    private McpServerFeatures.AsyncResourceTemplateSpecification template(
            String uri, String name, String mime, String description) {
        return new McpServerFeatures.AsyncResourceTemplateSpecification(
                McpSchema.ResourceTemplate.builder(uri, name)
                        .description(description)
                        .mimeType(mime)
                        .build(),
                this::read);
    }

    // ---- arguments, results, errors ----

    private StartDebateCommand command(Requester requester, Map<String, Object> args) {
        noArguments(args, START_ARGUMENTS);
        return StartDebateCommand.fromClient(
                requester,
                string(args, "prompt"),
                string(args, "mode"),
                string(args, "model_id"),
                string(args, "routing_policy"),
                object(args, "config"),
                object(args, "panel_config"),
                string(args, "category"));
    }

    /** Arguments the tool does not take are named, as the HTTP API names unknown fields. */
    private static void noArguments(Map<String, Object> args, Set<String> known) {
        Violations v = new Violations();
        for (String key : args.keySet()) {
            v.check(known.contains(key), key, "request.unknown_field", "is not an argument of this tool");
        }
        v.throwIfAny();
    }

    private static String string(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value != null && !(value instanceof String)) {
            throw invalid(name, name + ".invalid", "must be a string");
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value != null && !(value instanceof Map)) {
            throw invalid(name, name + ".invalid", "must be an object");
        }
        return (Map<String, Object>) value;
    }

    private static int boundedInt(String name, Object value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < min
                || n.doubleValue() > max) {
            throw invalid(name, name + ".out_of_range", "must be a whole number between " + min + " and " + max);
        }
        return n.intValue();
    }

    private static DebateId debateId(Map<String, Object> args) {
        noArguments(args, Set.of("id"));
        String id = string(args, "id");
        if (id == null) {
            throw invalid("id", "id.required", "is required");
        }
        return parseId(id).orElseThrow(CouncilTools::notFound);
    }

    private static Optional<DebateId> parseId(String id) {
        try {
            return Optional.of(DebateId.parse(id));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    private static ValidationException invalid(String field, String code, String message) {
        return ValidationException.of(field, code, message);
    }

    /** As the HTTP API answers a debate the caller may not see: the same as one that does not exist. */
    private static McpError notFound() {
        return error(404, ApiError.of("debate.not_found", "No such debate."));
    }

    private static McpError error(int status, ApiError body) {
        int code;
        if (status == 422 || status == 404 || status == 400) {
            code = McpSchema.ErrorCodes.INVALID_PARAMS;
        } else if (status < 500) {
            code = REFUSED; // the request was understood and refused: a plan, a quota, a rate limit, a conflict
        } else {
            code = McpSchema.ErrorCodes.INTERNAL_ERROR;
        }
        Map<String, Object> data =
                new LinkedHashMap<>(McpJsonDefaults.getMapper().convertValue(body, MAP));
        data.put("status", status);
        return McpError.builder(code).message(body.error().message()).data(data).build();
    }

    /** Structured content also as its JSON text, for clients that read only text (as the specification asks). */
    private McpSchema.CallToolResult serialized(Object structured) throws IOException {
        return result(structured, json.writeValueAsString(structured));
    }

    private static McpSchema.CallToolResult result(Object structured, String text) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    /** A blocking call of the core on a worker thread, its core errors turned into MCP errors. */
    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof McpError), CouncilTools::translate);
    }

    private static Throwable translate(Throwable e) {
        Optional<HttpResponse<ApiError>> mapped = CoreErrors.response(e);
        if (mapped.isPresent() && mapped.get().body() != null) {
            return error(mapped.get().code(), mapped.get().body());
        }
        if (e instanceof IOException) {
            return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("could not write the result")
                    .build();
        }
        return e;
    }

    private McpServerFeatures.AsyncToolSpecification tool(
            String name, String description, String schema, Handler handler) {
        return McpServerFeatures.AsyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder(name, json, schema)
                        .description(description)
                        .build())
                .callHandler((exchange, request) -> Mono.defer(() -> {
                            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
                            return handler.call(exchange, args, request.progressToken());
                        })
                        .onErrorMap(e -> !(e instanceof McpError), CouncilTools::translate))
                .build();
    }

    /** A tool's work: the exchange, its arguments, and the progress token when the client asked for progress. */
    @FunctionalInterface
    private interface Handler {
        Mono<McpSchema.CallToolResult> call(McpAsyncServerExchange exchange, Map<String, Object> args, Object token);
    }

    private static String startSchema(boolean waits) {
        List<String> props = new ArrayList<>(List.of(
                "\"prompt\": {\"type\": \"string\", \"minLength\": " + Prompt.MIN_LENGTH + ", \"maxLength\": "
                        + Prompt.MAX_LENGTH + "," + " \"description\": \"The question for the council\"}",
                "\"mode\": {\"type\": \"string\", \"enum\": [\"debate\", \"parliament\", \"conversation\"],"
                        + " \"description\": \"How the council works; debate by default\"}",
                "\"model_id\": {\"type\": \"string\", \"maxLength\": 200, \"description\": \"A model from"
                        + " list_models for every seat; routed by plan and policy when absent\"}",
                "\"routing_policy\": {\"type\": \"string\", \"maxLength\": 100}",
                "\"config\": {\"type\": \"object\", \"description\": \"agents, judges, rounds, budget … as in"
                        + " POST /debates\"}",
                "\"panel_config\": {\"type\": \"object\", \"description\": \"a parliament's seats\"}",
                "\"category\": {\"type\": \"string\", \"maxLength\": 64}"));
        if (waits) {
            props.add("\"wait_seconds\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": " + MAX_WAIT_SECONDS
                    + ", \"description\": \"How long to wait for the end (default " + DEFAULT_WAIT_SECONDS
                    + ")\"}");
        }
        return "{\"type\": \"object\", \"properties\": {" + String.join(", ", props)
                + "}, \"required\": [\"prompt\"], \"additionalProperties\": false}";
    }

    private static final String ID_SCHEMA = "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\","
            + " \"format\": \"uuid\", \"description\": \"The debate's id\"}}, \"required\": [\"id\"],"
            + " \"additionalProperties\": false}";
    private static final String EMPTY_SCHEMA =
            "{\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false}";
    private static final String LEADERBOARD_SCHEMA = "{\"type\": \"object\", \"properties\": {\"category\":"
            + " {\"type\": \"string\", \"maxLength\": 64}, \"limit\": {\"type\": \"integer\", \"minimum\": 1,"
            + " \"maximum\": " + LeaderboardQueries.MAX_LIMIT + "}}, \"additionalProperties\": false}";
}
