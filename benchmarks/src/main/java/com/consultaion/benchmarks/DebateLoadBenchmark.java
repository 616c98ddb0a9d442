package com.consultaion.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent debates against a running service on 127.0.0.1: starts {@code debates} default debates (3 agents,
 * 1 critique round, 2 judges, synthesis) at once through {@code POST /debates}, spread over the given API keys,
 * waits until every one has ended (or {@code timeout}), and reports each debate's wall time from the service's
 * own timestamps ({@code created_at} → {@code updated_at} of the ending) divided by the critical path, 4·L.
 * Run by bench/debates-bench.sh, which starts the service with the local model at latency L.
 *
 * <p>Arguments: {@code base=http://127.0.0.1:8183 keys=pk_a,pk_b debates=1000 latency=200 timeout=300 repeat=1}:
 * {@code repeat} runs the whole batch that many times in a row on the same service (the first run includes the
 * service's warm-up unless {@code warmup=N} first runs N debates at once that are not counted: the JIT then has
 * compiled the request, pipeline and database paths before anything is measured).
 */
public final class DebateLoadBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([^\"]+)\"");
    private static final Pattern CREATED = Pattern.compile("\"created_at\":\"([^\"]+)\"");
    private static final int PAGE = 200;
    private static final Pattern UPDATED = Pattern.compile("\"updated_at\":\"([^\"]+)\"");

    private DebateLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchArgs.parse(args);
        String base = o.getOrDefault("base", "http://127.0.0.1:8183");
        String[] keys = o.get("keys").split(",", -1);
        int count = Integer.parseInt(o.getOrDefault("debates", "1000"));
        long latency = Long.parseLong(o.getOrDefault("latency", "200"));
        long timeout = Long.parseLong(o.getOrDefault("timeout", "300"));
        int repeat = Integer.parseInt(o.getOrDefault("repeat", "1"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "0"));
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4))
                .build();

        if (warmup > 0) {
            System.out.println("-- warm-up: " + warmup + " debates at once, not counted");
            runOnce(client, base, keys, warmup, latency, timeout);
        }
        for (int r = 1; r <= repeat; r++) {
            System.out.println("-- run " + r + " of " + repeat);
            runOnce(client, base, keys, count, latency, timeout);
        }
        System.exit(0);
    }

    /** What one batch came to (the numbers themselves are printed). */
    record Result(int started, int ended, Map<String, Integer> statuses) {}

    static Result runOnce(HttpClient client, String base, String[] keys, int count, long latency, long timeout)
            throws Exception {
        // Start them all at once.
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        long[] sent = new long[count];
        Instant[] sentAt = new Instant[count];
        long[] answered = new long[count];
        for (int i = 0; i < count; i++) {
            int n = i;
            sent[i] = System.nanoTime();
            sentAt[i] = Instant.now();
            posts.add(client.sendAsync(
                            HttpRequest.newBuilder(URI.create(base + "/debates"))
                                    .header("X-API-Key", keys[i % keys.length])
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofMinutes(2))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Load test debate " + i
                                            + ": should a city of 500,000 build a tram or more bus lanes?\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, t) -> answered[n] = System.nanoTime()));
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> keyOf = new HashMap<>();
        Map<String, Instant> sentOf = new HashMap<>();
        Map<Integer, Integer> postStatuses = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r;
            try {
                r = posts.get(i).join();
            } catch (RuntimeException e) {
                postStatuses.merge(-1, 1, Integer::sum); // connection failed
                continue;
            }
            postStatuses.merge(r.statusCode(), 1, Integer::sum);
            Matcher m = ID.matcher(r.body());
            if (r.statusCode() == 201 && m.find()) {
                ids.add(m.group(1));
                keyOf.put(m.group(1), keys[i % keys.length]);
                sentOf.put(m.group(1), sentAt[i]);
            }
        }
        double allPosted = (System.nanoTime() - started) / 1e9;
        List<Double> startMs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (answered[i] != 0) {
                startMs.add((answered[i] - sent[i]) / 1e6);
            }
        }
        startMs.sort(Double::compare);

        // Wait until every debate has ended. Each account's list of debates (newest first, 200 a page) is read
        // once a second: a few requests a round rather than one per debate, so the harness adds little load of its
        // own to the service it measures. This batch's debates are the newest of their account.
        Map<String, String> ended = new HashMap<>();
        Map<String, Integer> startedPerKey = new HashMap<>();
        keyOf.values().forEach(k -> startedPerKey.merge(k, 1, Integer::sum));
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        Thread.sleep(Math.max(500, 4 * latency));
        while (ended.size() < ids.size() && System.nanoTime() < deadline) {
            for (Map.Entry<String, Integer> account : startedPerKey.entrySet()) {
                for (int offset = 0; offset < account.getValue(); offset += PAGE) {
                    HttpResponse<String> r = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/debates?limit=" + PAGE + "&offset=" + offset))
                                    .header("X-API-Key", account.getKey())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        continue;
                    }
                    // Each item starts with its id; its own status and timestamps come before any nested object.
                    for (String item : r.body().split("\\{\"id\":\"", -1)) {
                        String id = item.substring(0, Math.max(0, item.indexOf('"')));
                        Matcher st = STATUS.matcher(item);
                        if (keyOf.containsKey(id)
                                && st.find()
                                && !st.group(1).equals("queued")
                                && !st.group(1).equals("running")) {
                            ended.putIfAbsent(id, item);
                        }
                    }
                }
            }
            if (ended.size() < ids.size()) {
                Thread.sleep(1000);
            }
        }

        double criticalMs = 4.0 * latency;
        List<Double> wallMs = new ArrayList<>();
        List<Double> fromClientMs = new ArrayList<>();
        Instant firstSent = null;
        Instant lastEnd = null;
        Map<String, Integer> statuses = new TreeMap<>();
        for (Map.Entry<String, String> e : ended.entrySet()) {
            String body = e.getValue();
            Matcher s = STATUS.matcher(body);
            s.find();
            statuses.merge(s.group(1), 1, Integer::sum);
            Matcher c = CREATED.matcher(body);
            Matcher u = UPDATED.matcher(body);
            if (c.find() && u.find()) {
                Instant requested = sentOf.get(e.getKey());
                Instant end = Instant.parse(u.group(1));
                wallMs.add(Duration.between(Instant.parse(c.group(1)), end).toNanos() / 1e6);
                fromClientMs.add(Duration.between(requested, end).toNanos() / 1e6);
                firstSent = firstSent == null || requested.isBefore(firstSent) ? requested : firstSent;
                lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
            }
        }
        wallMs.sort(Double::compare);
        fromClientMs.sort(Double::compare);
        System.out.printf(
                Locale.ROOT,
                "debates=%d latency=%d ms critical path=%.0f ms accounts=%d%n",
                count,
                latency,
                criticalMs,
                keys.length);
        System.out.printf(
                Locale.ROOT,
                "starts: %s (status: count), all answered after %.1f s (%.0f starts/s)%n",
                postStatuses,
                allPosted,
                ids.size() / allPosted);
        if (!startMs.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "start response time: p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                    pct(startMs, 0.50),
                    pct(startMs, 0.99),
                    startMs.getLast());
        }
        System.out.println("ended: " + ended.size() + " of " + ids.size() + " " + statuses);
        if (!wallMs.isEmpty()) {
            printWall("wall / critical path (the service's created_at to its end)", wallMs, criticalMs);
            printWall(
                    "from the client's request to the end (includes waiting to be admitted)", fromClientMs, criticalMs);
            double span = Duration.between(firstSent, lastEnd).toNanos() / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "the batch, first request to last end: %.1f s (%.0f debates/s)%n",
                    span,
                    wallMs.size() / span);
        }
        return new Result(ids.size(), ended.size(), statuses);
    }

    /** Percentiles in milliseconds, and as multiples of the critical path when there is one (L > 0). */
    private static void printWall(String what, List<Double> sortedMs, double criticalMs) {
        if (criticalMs > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (p50 %.0f ms, p99 %.0f ms)%n",
                    what,
                    pct(sortedMs, 0.50) / criticalMs,
                    pct(sortedMs, 0.90) / criticalMs,
                    pct(sortedMs, 0.99) / criticalMs,
                    sortedMs.getLast() / criticalMs,
                    pct(sortedMs, 0.50),
                    pct(sortedMs, 0.99));
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "%s: p50 %.0f ms  p90 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                    what,
                    pct(sortedMs, 0.50),
                    pct(sortedMs, 0.90),
                    pct(sortedMs, 0.99),
                    sortedMs.getLast());
        }
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
