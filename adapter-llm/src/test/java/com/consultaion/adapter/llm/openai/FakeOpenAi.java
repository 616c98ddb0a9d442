package com.consultaion.adapter.llm.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol, for tests. Each request takes
 * the next scripted behaviour (then the default one): answer, answer slowly, fail with a status (and
 * {@code Retry-After}), answer malformed JSON or an empty completion, or drop the connection mid-body.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** How to answer one request; {@code body} is the request's JSON. */
    public interface Behaviour {
        void respond(HttpExchange exchange, String body) throws IOException;
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Behaviour> script = new ConcurrentLinkedDeque<>();
    private volatile Behaviour fallback = ok("Hello from the fake provider.");
    public final List<String> bodies = new CopyOnWriteArrayList<>();
    /** When each request arrived ({@link System#nanoTime()}). */
    public final List<Long> arrivals = new CopyOnWriteArrayList<>();

    public final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();

    public FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                arrivals.add(System.nanoTime());
                bodies.add(body);
                Behaviour next = script.poll();
                (next == null ? fallback : next).respond(exchange, body);
            } catch (IOException e) {
                // the client went away (a cancelled call): nothing to answer
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int requests() {
        return bodies.size();
    }

    public FakeOpenAi then(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
        return this;
    }

    public FakeOpenAi otherwise(Behaviour behaviour) {
        this.fallback = behaviour;
        return this;
    }

    public static Behaviour ok(String content) {
        return (exchange, body) -> answer(exchange, body, content);
    }

    /** Whether the request asked for a stream (Server-Sent Events of chunks). */
    static boolean streaming(String body) {
        return body.replace(" ", "").contains("\"stream\":true");
    }

    /** A chunk of a streamed completion carrying {@code content} (null: none). */
    private static String chunk(String content, String finish) {
        return "data: {\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\", \"created\": 1700000000,"
                + " \"model\": \"m\", \"choices\": [{\"index\": 0, \"delta\": {"
                + (content == null ? "" : "\"role\": \"assistant\", \"content\": \"" + escape(content) + "\"")
                + "}, \"finish_reason\": " + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private static final String USAGE_CHUNK = "data: {\"id\": \"chatcmpl-1\", \"object\": \"chat.completion.chunk\","
            + " \"created\": 1700000000, \"model\": \"m\", \"choices\": [], \"usage\": {\"prompt_tokens\": 12,"
            + " \"completion_tokens\": 5, \"total_tokens\": 17}}\n\n";

    /** The content as a stream: a chunk per word, the finish, the usage (unless {@code usage} is false), [DONE]. */
    private static void stream(HttpExchange exchange, String content, boolean usage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String piece : pieces(content)) {
            out.write(chunk(piece, null).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write(chunk(null, "stop").getBytes(StandardCharsets.UTF_8));
        if (usage) {
            out.write(USAGE_CHUNK.getBytes(StandardCharsets.UTF_8));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Words with their following space, joining back into the content. */
    static List<String> pieces(String content) {
        List<String> pieces = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+\\s*|\\s+").matcher(content);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    /** Streams {@code text} (with a stream request), then drops the connection without finishing. */
    public static Behaviour partialThenDrop(String text) {
        return (exchange, body) -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 100_000); // a length never reached: closing cuts the body short
            OutputStream out = exchange.getResponseBody();
            for (String piece : pieces(text)) {
                out.write(chunk(piece, null).getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        };
    }

    private static void answer(HttpExchange exchange, String body, String content) throws IOException {
        if (streaming(body)) {
            stream(exchange, content, true);
            return;
        }
        send(
                exchange,
                200,
                "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"created\": 1700000000, \"model\": \"m\","
                        + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \""
                        + escape(content) + "\"}, \"finish_reason\": \"stop\"}],"
                        + " \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 5, \"total_tokens\": 17}}");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /**
     * Answers like a model that follows instructions: a judge's request (it lists "Criteria:") gets strict JSON
     * scores for each criterion, anything else a short answer.
     */
    public static Behaviour obliging() {
        return (exchange, body) -> {
            Matcher m = Pattern.compile("Criteria: ([a-z_, ]+)").matcher(body);
            if (!m.find()) {
                answer(exchange, body, "A considered answer from the fake provider, with a plan and its risks.");
                return;
            }
            StringBuilder json = new StringBuilder("{\"scores\": {");
            String[] criteria = m.group(1).split(",\\s*", -1);
            for (int i = 0; i < criteria.length; i++) {
                json.append(i == 0 ? "" : ", ")
                        .append('"')
                        .append(criteria[i].strip())
                        .append("\": 7");
            }
            answer(exchange, body, json.append("}, \"rationale\": \"solid\"}").toString());
        };
    }

    public static Behaviour withoutUsage(String content) {
        return (exchange, body) -> {
            if (streaming(body)) {
                stream(exchange, content, false);
                return;
            }
            send(
                    exchange,
                    200,
                    "{\"id\": \"chatcmpl-2\", \"object\": \"chat.completion\", \"created\": 1700000000, \"model\": \"m\","
                            + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \""
                            + content + "\"}, \"finish_reason\": \"stop\"}]}");
        };
    }

    public static Behaviour empty() {
        return ok("");
    }

    public static Behaviour status(int code, String retryAfter) {
        return (exchange, body) -> {
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            send(
                    exchange,
                    code,
                    "{\"error\": {\"message\": \"scripted " + code + "\", \"type\": \"test_error\","
                            + " \"code\": \"scripted_" + code + "\"}}");
        };
    }

    /** A failure whose body is exactly {@code body}: e.g. an error without a {@code type}, or not JSON at all. */
    public static Behaviour raw(int code, String body) {
        return (exchange, request) -> send(exchange, code, body);
    }

    public static Behaviour malformed() {
        return (exchange, body) -> {
            if (streaming(body)) {
                byte[] bytes = "data: {\"choices\": [ this is not json\n\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            send(exchange, 200, "{\"choices\": [ this is not json");
        };
    }

    public static Behaviour dropMidBody() {
        return (exchange, body) -> {
            if (streaming(body)) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 10_000);
                OutputStream out = exchange.getResponseBody();
                out.write("data: {\"id\": \"chatcmpl-3\", \"choices\": [".getBytes(StandardCharsets.UTF_8));
                out.flush(); // closing the exchange then ends the connection with the body unfinished
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 10_000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"id\": \"chatcmpl-3\", \"choices\": [".getBytes(StandardCharsets.UTF_8));
            out.flush(); // closing the exchange then ends the connection with the body unfinished
        };
    }

    public static Behaviour slow(Duration delay, Behaviour then) {
        return (exchange, body) -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            then.respond(exchange, body);
        };
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
