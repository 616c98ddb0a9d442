package com.consultaion.adapter.payments.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Stripe's API on 127.0.0.1: it creates Checkout Sessions (recording each request's form and
 * headers) and signs webhook events the way Stripe does. Tests make events with {@link #event} and deliver them.
 */
public final class FakeStripe implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_fake";
    public static final String WEBHOOK_SECRET = "whsec_test_fake";

    /** One checkout request as received. */
    public record Received(Map<String, String> form, Map<String, String> headers) {}

    private final HttpServer server;
    private final List<Received> checkouts = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile int failWith;

    public FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/checkout/sessions", this::checkout);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> checkouts() {
        return checkouts;
    }

    /** Answers the next checkouts with this status (0: succeed). */
    public void failWith(int status) {
        failWith = status;
    }

    private void checkout(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&", -1)) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        checkouts.add(new Received(form, headers));
        String answer;
        int status;
        if (!("Bearer " + SECRET_KEY).equals(headers.get("authorization"))) {
            status = 401;
            answer = "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}";
        } else if (failWith != 0) {
            status = failWith;
            answer = "{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong\"}}";
        } else {
            status = 200;
            String id = "cs_test_" + sessions.incrementAndGet();
            answer = "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"mode\":\"subscription\",\"url\":\""
                    + base() + "/pay/" + id + "\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** An event's JSON as Stripe sends it, around {@code object} (a JSON object). */
    public static String event(String id, String type, Instant created, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-10-29.clover\",\"created\":"
                + created.getEpochSecond() + ",\"type\":\"" + type + "\",\"livemode\":false,\"data\":{\"object\":"
                + object + "}}";
    }

    /** A completed subscription checkout for {@code user} and {@code plan}. */
    public static String checkoutCompleted(String subscription, String user, String plan) {
        return "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"mode\":\"subscription\",\"payment_status\":"
                + "\"paid\",\"client_reference_id\":\"" + user + "\",\"customer\":\"cus_1\",\"subscription\":\""
                + subscription + "\",\"metadata\":{\"user_id\":\"" + user + "\",\"plan_slug\":\"" + plan + "\"}}";
    }

    /** A subscription object in {@code status} with one item at {@code price}. */
    public static String subscription(String id, String user, String plan, String status, String price, long end) {
        return "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"customer\":\"cus_1\",\"status\":\"" + status
                + "\",\"metadata\":{\"user_id\":\"" + user + "\",\"plan_slug\":\"" + plan + "\"},\"items\":{"
                + "\"object\":\"list\",\"data\":[{\"id\":\"si_1\",\"price\":{\"id\":\"" + price + "\"},"
                + "\"current_period_end\":" + end + "}]}}";
    }

    /** An invoice of {@code subscription} (the 2025 API's shape: under parent.subscription_details). */
    public static String invoice(String subscription, String user, String plan, long periodEnd) {
        return "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\",\"parent\":{\"type\":"
                + "\"subscription_details\",\"subscription_details\":{\"subscription\":\"" + subscription
                + "\",\"metadata\":{\"user_id\":\"" + user + "\",\"plan_slug\":\"" + plan + "\"}}},\"lines\":{"
                + "\"data\":[{\"period\":{\"start\":" + (periodEnd - 2_592_000) + ",\"end\":" + periodEnd + "}}]}}";
    }

    /** The Stripe-Signature header for {@code payload}, signed now-ish at {@code at}. */
    public static String sign(String payload, Instant at, String secret) {
        return StripeSignature.header(payload.getBytes(StandardCharsets.UTF_8), at.getEpochSecond(), secret);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
