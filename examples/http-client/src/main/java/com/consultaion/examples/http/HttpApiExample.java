package com.consultaion.examples.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * An app using Consultaion over HTTP: signs up (or in), asks a question, follows the debate's Server-Sent Events
 * until it ends, then reads the result. Only the JDK's HTTP client and Jackson.
 *
 * <p>{@code java HttpApiExample [base-url] [email] [password]}; defaults {@code http://127.0.0.1:8000},
 * {@code example@example.com}, {@code correct-Horse-7}.
 */
public final class HttpApiExample {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final PrintStream out;

    public HttpApiExample(URI base, PrintStream out) {
        this.base = base;
        this.out = out;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8000");
        String email = args.length > 1 ? args[1] : "example@example.com";
        String password = args.length > 2 ? args[2] : "correct-Horse-7";
        JsonNode debate =
                new HttpApiExample(base, System.out).ask(email, password, "Should our team adopt a four-day week?");
        System.exit("completed".equals(debate.path("status").asText()) ? 0 : 1);
    }

    /** Signs in (registering first if needed), runs one debate and returns it as the API shows it at the end. */
    public JsonNode ask(String email, String password, String question) throws IOException, InterruptedException {
        Map<String, String> account = Map.of("email", email, "password", password);
        HttpResponse<String> registered = send(post("/auth/register", account, null));
        if (registered.statusCode() != 201 && registered.statusCode() != 409) {
            throw failure("register", registered);
        }
        String token = expect(send(post("/auth/login", account, null)), 200, "login")
                .path("access_token")
                .asText();

        JsonNode started = expect(send(post("/debates", Map.of("prompt", question), token)), 201, "start");
        String id = started.path("id").asText();
        out.println("debate " + id + " " + started.path("status").asText());

        follow(id, token);

        JsonNode debate = expect(send(get("/debates/" + id, token)), 200, "read");
        out.println("status: " + debate.path("status").asText());
        out.println("synthesis: " + debate.path("final_content").asText(""));
        return debate;
    }

    /** Reads the stream to its end: every frame's data is one JSON event whose type is in the data. */
    private void follow(String id, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/debates/" + id + "/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("stream: HTTP " + response.statusCode());
        }
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue; // id:, retry:, comments (heartbeats) and the blank line between frames
                }
                JsonNode event = JSON.readTree(line.substring(5).trim());
                String type = event.path("type").asText();
                switch (type) {
                    case "message" ->
                        out.println("  " + event.path("agent").asText() + " ("
                                + event.path("role").asText() + ") wrote "
                                + event.path("content").asText().length() + " characters");
                    case "score" ->
                        out.println("  " + event.path("judge").asText() + " scored "
                                + event.path("candidate").asText() + ": "
                                + event.path("score").asDouble());
                    case "delta" -> {} // live text of an answer still being written
                    default -> out.println("  " + type);
                }
                if (type.equals("final") || type.equals("debate_failed") || type.equals("debate_cancelled")) {
                    return;
                }
            }
        }
    }

    private HttpRequest post(String path, Object body, String token) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw failure(what, response);
        }
        return JSON.readTree(response.body());
    }

    /** Every error has one shape: {@code {"error": {"code", "message", ...}}}. */
    private static IOException failure(String what, HttpResponse<String> response) throws IOException {
        JsonNode error = JSON.readTree(response.body()).path("error");
        return new IOException(what + ": HTTP " + response.statusCode() + " "
                + error.path("code").asText() + " — " + error.path("message").asText());
    }
}
