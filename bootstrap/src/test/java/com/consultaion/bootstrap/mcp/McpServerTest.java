package com.consultaion.bootstrap.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP server at {@code /mcp}, driven by the official Java SDK's client over Streamable HTTP against the real
 * service on 127.0.0.1: initialize, the tools and their progress, resources, and who may do what.
 */
class McpServerTest {

    static EmbeddedServer server;
    static TestHttp http;

    @BeforeAll
    static void start() {
        server = TestServers.start(Map.of("consultaion.local-model.latency-ms", 20));
        http = new TestHttp(server.getURI());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A new account's API key. */
    private static String apiKey() {
        String[] bearer = TestServers.signIn(server, false);
        HttpResponse<String> created = http.post("/keys", "{\"name\": \"mcp\"}", bearer);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestHttp.field(created.body(), "key");
    }

    private static McpSyncClient client(String key, List<McpSchema.ProgressNotification> progress) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        server.getURI().toString())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("X-API-Key", key))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(90))
                .progressConsumer(progress::add)
                .build();
    }

    @Test
    void askCouncilRunsADebateWithProgressAndReturnsItsSynthesisRankingScoresAndCost() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(apiKey(), progress)) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("consultaion");
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder(
                            "ask_council", "start_debate", "get_debate", "cancel_debate", "list_models", "leaderboard");

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(
                    "ask_council",
                    Map.of("prompt", "Should our team adopt a four-day week?"),
                    Map.of("progressToken", "ask-1")));

            assertThat(result.isError()).isFalse();
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) result.structuredContent();
            assertThat(report.get("status")).isEqualTo("completed");
            assertThat((String) report.get("final")).isNotBlank();
            assertThat((List<?>) report.get("ranking")).hasSize(3);
            assertThat((List<?>) report.get("scores")).hasSize(6); // 2 judges × 3 agents
            assertThat(report.get("usage")).isNotNull();
            String id = (String) report.get("id");
            assertThat(((McpSchema.TextContent) result.content().get(0)).text())
                    .startsWith("Debate " + id + ": completed.")
                    .contains("Ranking: ");
            // The client saw it move: one notification per step, in order, with the token it sent.
            assertThat(progress).isNotEmpty();
            assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("ask-1"));
            assertThat(progress)
                    .extracting(McpSchema.ProgressNotification::message)
                    .contains("round 1 started", "ranking decided", "synthesis written");
            // Each step counts one up (the client may hand them to its consumer out of order).
            assertThat(progress)
                    .extracting(McpSchema.ProgressNotification::progress)
                    .doesNotHaveDuplicates()
                    .allSatisfy(p -> assertThat(p).isBetween(1.0, (double) progress.size()));

            // The same debate as resources: the transcript as JSON; the Markdown report is an export (the test
            // suite's free plan includes exports).
            McpSchema.ReadResourceResult transcript =
                    client.readResource(new McpSchema.ReadResourceRequest("debate://" + id + "/transcript"));
            assertThat(((McpSchema.TextResourceContents) transcript.contents().get(0)).text())
                    .contains("\"id\":\"" + id + "\"");
            McpSchema.ReadResourceResult markdown =
                    client.readResource(new McpSchema.ReadResourceRequest("debate://" + id + "/report"));
            assertThat(((McpSchema.TextResourceContents) markdown.contents().get(0)).mimeType())
                    .isEqualTo("text/markdown");
            assertThat(((McpSchema.TextResourceContents) markdown.contents().get(0)).text())
                    .contains("Should our team adopt a four-day week?");
            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate)
                    .containsExactlyInAnyOrder("debate://{id}/report", "debate://{id}/transcript");
        }
    }

    @Test
    void pollingClientsStartGetAndCancelAndSeeModelsAndTheLeaderboard() {
        try (McpSyncClient client = client(apiKey(), new CopyOnWriteArrayList<>())) {
            client.initialize();
            McpSchema.CallToolResult started = client.callTool(new McpSchema.CallToolRequest(
                    "start_debate", Map.of("prompt", "Is a slow debate worth cancelling early?")));
            @SuppressWarnings("unchecked")
            String id = (String) ((Map<String, Object>) started.structuredContent()).get("id");
            McpSchema.CallToolResult cancelled =
                    client.callTool(new McpSchema.CallToolRequest("cancel_debate", Map.of("id", id)));
            assertThat(cancelled.isError()).isFalse();
            McpSchema.CallToolResult read =
                    client.callTool(new McpSchema.CallToolRequest("get_debate", Map.of("id", id)));
            @SuppressWarnings("unchecked")
            Map<String, Object> debate = (Map<String, Object>) read.structuredContent();
            assertThat(debate.get("id")).isEqualTo(id);

            McpSchema.CallToolResult models = client.callTool(new McpSchema.CallToolRequest("list_models", Map.of()));
            assertThat(models.structuredContent().toString()).contains("local");
            // Clients that read only text get the same content as JSON.
            assertThat(((McpSchema.TextContent) models.content().get(0)).text())
                    .startsWith("{\"models\":[")
                    .contains("\"id\":\"local\"");
            McpSchema.CallToolResult board =
                    client.callTool(new McpSchema.CallToolRequest("leaderboard", Map.of("limit", 5)));
            assertThat(board.isError()).isFalse();
        }
    }

    @Test
    void badArgumentsAreMcpErrorsWithTheHttpApisCodesAndMessages() {
        try (McpSyncClient client = client(apiKey(), new CopyOnWriteArrayList<>())) {
            client.initialize();
            assertThatThrownBy(() ->
                            client.callTool(new McpSchema.CallToolRequest("ask_council", Map.of("prompt", "short"))))
                    .isInstanceOf(McpError.class)
                    .satisfies(e -> {
                        McpSchema.JSONRPCResponse.JSONRPCError error = ((McpError) e).getJsonRpcError();
                        assertThat(error.code()).isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
                        assertThat(error.data().toString())
                                .contains("validation.failed")
                                .contains("prompt");
                    });
            assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest(
                            "ask_council", Map.of("prompt", "A long enough question?", "wait_seconds", 0))))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("wait_seconds");
            assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest(
                            "start_debate", Map.of("prompt", "A long enough question?", "owner", "someone"))))
                    .isInstanceOf(McpError.class)
                    .satisfies(e -> assertThat(
                                    ((McpError) e).getJsonRpcError().data().toString())
                            .contains("request.unknown_field"));
        }
    }

    @Test
    void anotherAccountsDebateAndSessionAreNotFound() {
        String aliceKey = apiKey();
        String bobKey = apiKey();
        String id;
        try (McpSyncClient alice = client(aliceKey, new CopyOnWriteArrayList<>())) {
            alice.initialize();
            @SuppressWarnings("unchecked")
            Map<String, Object> started = (Map<String, Object>) alice.callTool(new McpSchema.CallToolRequest(
                            "start_debate", Map.of("prompt", "Whose debate is this one, then?")))
                    .structuredContent();
            id = (String) started.get("id");
        }
        try (McpSyncClient bob = client(bobKey, new CopyOnWriteArrayList<>())) {
            bob.initialize();
            for (String tool : List.of("get_debate", "cancel_debate")) {
                assertThatThrownBy(() -> bob.callTool(new McpSchema.CallToolRequest(tool, Map.of("id", id))))
                        .isInstanceOf(McpError.class)
                        .satisfies(e -> assertThat(
                                        ((McpError) e).getJsonRpcError().data().toString())
                                .contains("debate.not_found"));
            }
            assertThatThrownBy(
                            () -> bob.readResource(new McpSchema.ReadResourceRequest("debate://" + id + "/transcript")))
                    .isInstanceOf(McpError.class);
        }
        // Bob's key on Alice's session id: no such session.
        String aliceSession = initialize(aliceKey);
        HttpResponse<String> hijack = raw(
                "POST", bobKey, aliceSession, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");
        assertThat(hijack.statusCode()).isEqualTo(404);
        assertThat(raw(
                                "POST",
                                aliceKey,
                                aliceSession,
                                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aClientThatDropsMidDebateReconnectsAndReadsTheResult() throws Exception {
        String key = apiKey();
        String session = initialize(key);
        HttpRequest call = HttpRequest.newBuilder(server.getURI().resolve("/mcp"))
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"ask_council\",\"arguments\":{\"prompt\":"
                        + "\"Does the council finish without me?\"},\"_meta\":{\"progressToken\":1}}}"))
                .build();
        String debateId;
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> stream = client.send(call, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            try (var lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String first;
                do {
                    first = lines.readLine();
                } while (first != null && !first.contains("created"));
                assertThat(first)
                        .as("the first progress notification names the debate")
                        .isNotNull();
                Matcher m = Pattern.compile("debate ([0-9a-f-]{36}) created").matcher(first);
                assertThat(m.find()).isTrue();
                debateId = m.group(1);
            } // the connection drops here, mid-debate
        }
        try (McpSyncClient again = client(key, new CopyOnWriteArrayList<>())) {
            again.initialize();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> report = (Map<String, Object>)
                        again.callTool(new McpSchema.CallToolRequest("get_debate", Map.of("id", debateId)))
                                .structuredContent();
                assertThat(report.get("status")).isEqualTo("completed");
                assertThat((String) report.get("final")).isNotBlank();
            });
        }
    }

    @Test
    void onlyAnApiKeyGetsIn() {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        HttpResponse<String> anonymous = raw("POST", null, null, initialize);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(TestHttp.errorCode(anonymous.body())).isEqualTo("auth.required");
        HttpResponse<String> forged = raw("POST", "pk_forged_0000000000000000000000000000", null, initialize);
        assertThat(forged.statusCode()).isEqualTo(401);
        // A signed-in user's access token is not an API key.
        String[] bearer = TestServers.signIn(server, false);
        HttpResponse<String> jwt = send(HttpRequest.newBuilder(server.getURI().resolve("/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header(bearer[0], bearer[1])
                .POST(HttpRequest.BodyPublishers.ofString(initialize)));
        assertThat(jwt.statusCode()).isEqualTo(401);
        assertThat(TestHttp.errorCode(jwt.body())).isEqualTo("mcp.api_key_required");
        // Without a session, only initialize is accepted; a message that is not JSON-RPC is a parse error.
        String key = apiKey();
        assertThat(raw("POST", key, null, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(raw("POST", key, null, "[1,2").statusCode()).isEqualTo(400);
        String session = initialize(key);
        assertThat(raw("DELETE", key, session, null).statusCode()).isEqualTo(204);
        assertThat(raw("POST", key, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    private static String initialize(String key) {
        HttpResponse<String> init = raw(
                "POST",
                key,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                        + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        return init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static HttpResponse<String> raw(String method, String key, String session, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.getURI().resolve("/mcp"))
                .header("Accept", "application/json, text/event-stream")
                .timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
