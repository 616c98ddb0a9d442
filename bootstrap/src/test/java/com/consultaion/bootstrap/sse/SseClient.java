package com.consultaion.bootstrap.sse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A raw Server-Sent Events client for tests: reads the stream line by line and parses frames. */
public final class SseClient {

    /**
     * One frame as received. {@code event} is the {@code event:} line, else the {@code type} its JSON data names
     * (the service writes no {@code event:} line); {@code comment} holds ": ..." lines; {@code retry} the retry
     * field; {@code named} whether the frame had an {@code event:} line.
     */
    public record Frame(String id, String event, String data, String comment, String retry, boolean named) {}

    /** What a connection received, and its status. */
    public record Result(int status, List<Frame> frames, List<String> rawLines) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Reads until the server closes the stream, {@code maxFrames} stored events (frames with an id) arrived, or
     * {@code timeout}.
     */
    public static Result read(URI uri, Duration timeout, int maxFrames, String... headers) throws Exception {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpResponse<InputStream> response =
                CLIENT.send(builder.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        List<Frame> frames = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null, event = null, data = null, comment = null, retry = null;
            String line;
            long deadline = System.nanoTime() + timeout.toNanos();
            while ((line = reader.readLine()) != null && System.nanoTime() < deadline) {
                raw.add(line);
                if (line.isEmpty()) {
                    if (id != null || event != null || data != null || comment != null || retry != null) {
                        frames.add(new Frame(
                                id, event != null ? event : typeOf(data), data, comment, retry, event != null));
                        // Stored events only (they carry an id); live text frames do not count.
                        if (id != null
                                && frames.stream().filter(f -> f.id() != null).count() >= maxFrames) {
                            break;
                        }
                    }
                    id = event = data = comment = retry = null;
                } else if (line.startsWith(":")) {
                    comment = line.substring(1).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.startsWith("retry:")) {
                    retry = line.substring(6).strip();
                }
            }
        } catch (IOException e) {
            // the server closed the connection or the timeout hit: return what arrived
        }
        return new Result(response.statusCode(), frames, raw);
    }

    private static String typeOf(String data) {
        if (data == null) {
            return null;
        }
        try {
            return JSON.readTree(data).path("type").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
