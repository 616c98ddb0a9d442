package com.consultaion.adapter.rest.mcp;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AuthenticateQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Model Context Protocol at {@code /mcp}, over the Streamable HTTP transport: {@code POST} carries one JSON-RPC
 * message (an {@code initialize} answers JSON with the {@code Mcp-Session-Id}; a request answers a stream of SSE
 * {@code message} events, its progress and then its response; a notification or response answers 202), {@code GET}
 * opens the session's listening stream, {@code DELETE} ends the session. Only an API key lets a caller in (the
 * authentication filter checks it as for the HTTP API, with the same rate limits); the tools then act as that key's
 * account ({@link CouncilTools}).
 */
@Controller("/mcp")
final class McpController {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final Logger LOG = LoggerFactory.getLogger(McpController.class);
    private static final TypeRef<McpSchema.InitializeRequest> INITIALIZE = new TypeRef<>() {};

    private final McpSessions sessions;
    private final McpJsonMapper json;

    McpController(McpSessions sessions, CouncilTools server) {
        this.sessions = sessions;
        this.json = server.json(); // also makes sure the server exists, and has given the sessions their factory
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> post(
            HttpRequest<?> request, @Nullable @Body String body, @Nullable @Header(SESSION_HEADER) String sessionId) {
        Optional<HttpResponse<?>> refused = refuseWithoutApiKey(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        AuthenticateQuery.Principal principal = Principals.of(request);
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body == null ? "" : body);
        } catch (IOException | IllegalArgumentException e) {
            return rpcError(HttpStatus.BAD_REQUEST, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message");
        }
        McpTransportContext context = CouncilTools.context(principal, Principals.client(request));
        if (message instanceof McpSchema.JSONRPCRequest call && call.method().equals(McpSchema.METHOD_INITIALIZE)) {
            if (sessions.full()) {
                return rpcError(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        McpSchema.ErrorCodes.INTERNAL_ERROR,
                        "too many MCP sessions on this node; try again later");
            }
            McpSchema.InitializeRequest initialize = json.convertValue(call.params(), INITIALIZE);
            McpStreamableServerSession.McpStreamableServerSessionInit init =
                    sessions.factory().startSession(initialize);
            sessions.add(init.session(), principal.userId());
            McpSchema.InitializeResult result = init.initResult().block();
            return HttpResponse.ok(write(McpSchema.JSONRPCResponse.result(call.id(), result)))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(SESSION_HEADER, init.session().getId());
        }
        if (sessionId == null || sessionId.isBlank()) {
            return rpcError(
                    HttpStatus.BAD_REQUEST,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "send the Mcp-Session-Id header that initialize answered");
        }
        Optional<McpStreamableServerSession> session = session(request, sessionId);
        if (session.isEmpty()) {
            return noSuchSession();
        }
        return switch (message) {
            case McpSchema.JSONRPCRequest call -> {
                SseStream stream = new SseStream(json);
                stream.onCancel(session.get()
                        .responseStream(stream)
                        .handle(call)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .subscribe(ignored -> {}, e -> {
                            LOG.warn("MCP request {} failed: {}", call.method(), e.toString());
                            stream.close();
                        }));
                yield HttpResponse.ok(stream.events()).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
            }
            case McpSchema.JSONRPCNotification note -> {
                session.get()
                        .accept(note)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .block();
                yield HttpResponse.accepted();
            }
            case McpSchema.JSONRPCResponse answer -> {
                session.get()
                        .accept(answer)
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .block();
                yield HttpResponse.accepted();
            }
            default -> rpcError(HttpStatus.BAD_REQUEST, McpSchema.ErrorCodes.INVALID_REQUEST, "unknown message");
        };
    }

    @Get
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> listen(HttpRequest<?> request, @Nullable @Header(SESSION_HEADER) String sessionId) {
        Optional<HttpResponse<?>> refused = refuseWithoutApiKey(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<McpStreamableServerSession> session = session(request, sessionId);
        if (session.isEmpty()) {
            return noSuchSession();
        }
        if (session.get().hasListeningStream()) {
            return rpcError(
                    HttpStatus.CONFLICT,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "this session already has a listening stream");
        }
        SseStream stream = new SseStream(json);
        session.get().listeningStream(stream);
        McpStreamableServerSession listening = session.get();
        stream.onCancel(listening::releaseListeningStream);
        return HttpResponse.ok(stream.events()).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }

    @Delete
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> end(HttpRequest<?> request, @Nullable @Header(SESSION_HEADER) String sessionId) {
        Optional<HttpResponse<?>> refused = refuseWithoutApiKey(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<McpStreamableServerSession> session = session(request, sessionId);
        if (session.isEmpty()) {
            return noSuchSession();
        }
        sessions.remove(session.get().getId());
        session.get().delete().block();
        return HttpResponse.noContent();
    }

    /** The caller's session of that id: none when unknown, ended, or another account's. */
    private Optional<McpStreamableServerSession> session(HttpRequest<?> request, @Nullable String sessionId) {
        return sessionId == null || sessionId.isBlank()
                ? Optional.empty()
                : sessions.find(sessionId.strip(), Principals.of(request).userId());
    }

    /** The specification's 404: the client initializes again. */
    private HttpResponse<?> noSuchSession() {
        return rpcError(HttpStatus.NOT_FOUND, McpSchema.ErrorCodes.INVALID_REQUEST, "no such MCP session");
    }

    /** A bearer token or a session cookie is refused: the MCP endpoint is for programs, with an API key. */
    private static Optional<HttpResponse<?>> refuseWithoutApiKey(HttpRequest<?> request) {
        if (Principals.viaApiKey(request)) {
            return Optional.empty();
        }
        return Optional.of(HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "ApiKey")
                .body(ApiError.of(
                        "mcp.api_key_required",
                        "The MCP endpoint takes an API key: X-API-Key: pk_… or Authorization: Bearer pk_….")));
    }

    private HttpResponse<?> rpcError(HttpStatus status, int code, String message) {
        // A transport-level error answers no request the server could read: its id is null (JSON-RPC 2.0, 5).
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.put("id", null);
        body.put("error", error);
        return HttpResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(write(body));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
