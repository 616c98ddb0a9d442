package com.consultaion.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSE fan-out against a running service on 127.0.0.1: opens {@code subscribers} streams spread over
 * {@code debates} running debates and measures, for every event committed after a stream was open, the delay
 * from the event's commit time ({@code ts}) to its arrival. Bounded: stops when every stream ended or after
 * {@code timeout}. Run by bench/sse-bench.sh, which starts the service.
 *
 * <p>Arguments: {@code base=http://127.0.0.1:8181 key=pk_... subscribers=1000 debates=10 timeout=120 readers=2}.
 * The streams are read by {@link RawSseReader} on {@code readers} threads: the JDK's HttpClient spent as much CPU
 * per event as the service, on the same two cores.
 */
public final class SseFanoutBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private SseFanoutBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchArgs.parse(args);
        run(o);
        System.exit(0);
    }

    /** What the run came to (the numbers themselves are printed). */
    record Result(int connected, int failed, boolean finished, int liveDeliveries) {}

    static Result run(Map<String, String> o) throws Exception {
        String base = o.getOrDefault("base", "http://127.0.0.1:8181");
        String key = o.get("key");
        int subscribers = Integer.parseInt(o.getOrDefault("subscribers", "1000"));
        int debates = Integer.parseInt(o.getOrDefault("debates", "10"));
        long timeout = Long.parseLong(o.getOrDefault("timeout", "120"));
        int readerThreads = Integer.parseInt(o.getOrDefault("readers", "2"));

        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < debates; d++) {
            HttpResponse<String> created = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/debates"))
                            .header("X-API-Key", key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Fan-out benchmark debate number "
                                    + d + ": which rollout plan is safest?\", \"config\": {\"rounds\": 3}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = ID.matcher(created.body());
            if (created.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException(
                        "could not create a debate: " + created.statusCode() + " " + created.body());
            }
            ids.add(m.group(1));
        }
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        // Events committed once every stream was open: the steady state, without the connection storm.
        ConcurrentLinkedQueue<Long> steadyMicros = new ConcurrentLinkedQueue<>();
        // The same, by event type: which stage's events wait longest.
        Map<String, ConcurrentLinkedQueue<Long>> steadyByType = new ConcurrentSkipListMap<>();
        AtomicReference<Instant> allConnectedAt = new AtomicReference<>(Instant.MAX);
        AtomicInteger connected = new AtomicInteger();
        Map<Integer, Integer> refused = new ConcurrentSkipListMap<>();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(subscribers);
        long start = System.nanoTime();
        boolean finished;
        Instant startedAt = Instant.now();
        URI baseUri = URI.create(base);
        try (RawSseReader reader = new RawSseReader(baseUri.getHost(), baseUri.getPort(), readerThreads)) {
            for (int s = 0; s < subscribers; s++) {
                String id = ids.get(s % ids.size());
                Instant[] openedAt = new Instant[1];
                reader.open("/debates/" + id + "/stream", List.of("X-API-Key: " + key), new RawSseReader.Listener() {
                    @Override
                    public void opened(int status) {
                        if (status != 200) {
                            refused.merge(status, 1, Integer::sum); // e.g. 503 when opens queue too long
                            return;
                        }
                        openedAt[0] = Instant.now();
                        if (connected.incrementAndGet() == subscribers) {
                            allConnectedAt.set(Instant.now());
                        }
                    }

                    @Override
                    public void event(String type, Instant ts, Instant arrived) {
                        if (ts.isAfter(openedAt[0])) { // live events only, not the replay
                            long micros = Duration.between(ts, arrived).toNanos() / 1_000;
                            latenciesMicros.add(micros);
                            if (ts.isAfter(allConnectedAt.get())) {
                                steadyMicros.add(micros);
                                steadyByType
                                        .computeIfAbsent(type, t -> new ConcurrentLinkedQueue<>())
                                        .add(micros);
                            }
                        }
                    }

                    @Override
                    public void ended(boolean clean) {
                        if (!clean) {
                            failed.incrementAndGet();
                        }
                        done.countDown();
                    }
                });
            }
            finished = done.await(timeout, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "subscribers=%d debates=%d connected=%d failed=%d finished=%s in %.1f s%n",
                subscribers,
                debates,
                connected.get(),
                failed.get(),
                finished,
                seconds);
        System.out.println("streams refused (status: count): " + (refused.isEmpty() ? "none" : refused));
        if (!allConnectedAt.get().equals(Instant.MAX)) {
            System.out.printf(
                    Locale.ROOT,
                    "all streams open after %.1f s%n",
                    Duration.between(startedAt, allConnectedAt.get()).toMillis() / 1000.0);
        }
        report("live deliveries", latenciesMicros);
        report("of which committed after all streams were open", steadyMicros);
        steadyByType.forEach((type, micros) -> report("  " + type, micros));
        return new Result(connected.get(), failed.get(), finished, latenciesMicros.size());
    }

    private static void report(String what, ConcurrentLinkedQueue<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(Long::compare);
        if (sorted.isEmpty()) {
            System.out.println(what + ": none measured");
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%s=%d  latency p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                what,
                sorted.size(),
                pct(sorted, 0.50),
                pct(sorted, 0.90),
                pct(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1000.0);
        long[] bounds = {10, 25, 50, 100, 200, 400, 800, Long.MAX_VALUE};
        StringBuilder histogram = new StringBuilder("  ms:");
        int at = 0;
        for (long bound : bounds) {
            int count = 0;
            while (at < sorted.size() && sorted.get(at) < bound * 1000) {
                at++;
                count++;
            }
            histogram
                    .append(bound == Long.MAX_VALUE ? " >=800: " : " <" + bound + ": ")
                    .append(count);
        }
        System.out.println(histogram);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1000.0;
    }
}
