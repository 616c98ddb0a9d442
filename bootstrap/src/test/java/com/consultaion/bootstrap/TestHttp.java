package com.consultaion.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real HTTP client for tests: talks to a server on 127.0.0.1 over the loopback interface. */
public final class TestHttp {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public TestHttp(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** Sends the request; the response must keep the OpenAPI description's promises ({@link ContractValidator}). */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            ContractValidator.check(request.method(), request.uri(), response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON body, parsed; fails the test when it is not JSON. */
    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** The {@code error.code} of an error body. */
    public static String errorCode(String body) {
        return json(body).at("/error/code").asText();
    }

    /** The field errors of a 422 body, each as {@code field:code}, in order. */
    public static List<String> fieldErrors(String body) {
        List<String> errors = new ArrayList<>();
        json(body)
                .at("/error/details/fields")
                .forEach(f ->
                        errors.add(f.get("field").asText() + ":" + f.get("code").asText()));
        return errors;
    }

    /** A page's {@code total}. */
    public static long total(String body) {
        return json(body).get("total").asLong();
    }

    /**
     * The first string value named {@code name} in a JSON body (the body's own fields first, then nested ones, in
     * document order); fails the test when there is none.
     */
    public static String field(String body, String name) {
        JsonNode found = first(json(body), name);
        if (found == null) {
            throw new AssertionError("no " + name + " in " + body);
        }
        return found.asText();
    }

    private static JsonNode first(JsonNode node, String name) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals(name) && e.getValue().isTextual()) {
                    return e.getValue();
                }
                JsonNode inner = first(e.getValue(), name);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                JsonNode inner = first(item, name);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
