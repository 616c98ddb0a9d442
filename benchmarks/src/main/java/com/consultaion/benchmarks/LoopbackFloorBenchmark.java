package com.consultaion.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The floor under SSE fan-out on this machine: no HTTP, no framework, no database. {@code connections} loopback
 * TCP connections; each round, {@code writers} threads write one {@code size}-byte message to every connection
 * (plain non-blocking NIO writes, as an event loop would) while {@code readers} selector threads read them, and
 * the delay from the round's start to each message's arrival is measured. What a service can deliver to that many
 * subscribers at once cannot be faster than this on the same cores. Bounded: {@code rounds} rounds, each waited
 * for at most 30 s.
 *
 * <p>Arguments: {@code connections=9000 size=800 writers=2 readers=2 rounds=15} (both ends of each connection are
 * in this process: 9,000 connections use 18,000 file descriptors).
 */
public final class LoopbackFloorBenchmark {

    private LoopbackFloorBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchArgs.parse(args);
        int connections = Integer.parseInt(o.getOrDefault("connections", "9000"));
        int size = Integer.parseInt(o.getOrDefault("size", "800"));
        int writers = Integer.parseInt(o.getOrDefault("writers", "2"));
        int readers = Integer.parseInt(o.getOrDefault("readers", "2"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "15"));
        run(connections, size, writers, readers, rounds);
        System.exit(0);
    }

    static void run(int connections, int size, int writers, int readers, int rounds) throws Exception {
        List<SocketChannel> servers = new ArrayList<>(connections);
        long[] arrival = new long[connections];
        CountDownLatch[] round = new CountDownLatch[1];
        Selector[] selectors = new Selector[readers];
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections);
            for (int r = 0; r < readers; r++) {
                selectors[r] = Selector.open();
            }
            List<SocketChannel> clients = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                clients.add(client);
                SocketChannel server = listener.accept();
                server.configureBlocking(false);
                server.setOption(StandardSocketOptions.TCP_NODELAY, true);
                servers.add(server);
            }
            // Registering while a selector is blocked in select() would wait for it: register before reading.
            for (int i = 0; i < connections; i++) {
                SocketChannel client = clients.get(i);
                client.configureBlocking(false);
                client.register(selectors[i % readers], SelectionKey.OP_READ, i);
            }
            for (Selector selector : selectors) {
                Thread t = new Thread(() -> read(selector, arrival, round), "floor-reader");
                t.setDaemon(true);
                t.start();
            }
            ByteBuffer message = ByteBuffer.allocateDirect(size);
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 'x');
            message.put(payload).flip();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            System.out.printf(
                    Locale.ROOT, "connections=%d size=%d writers=%d readers=%d%n", connections, size, writers, readers);
            for (int r = 0; r < rounds; r++) {
                round[0] = new CountDownLatch(connections);
                long start = System.nanoTime();
                List<Future<?>> writes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int first = w;
                    writes.add(pool.submit(() -> {
                        ByteBuffer own = message.duplicate();
                        for (int i = first; i < connections; i += writers) {
                            own.rewind();
                            try {
                                servers.get(i).write(own);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : writes) {
                    f.get();
                }
                long written = System.nanoTime();
                if (!round[0].await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("messages were not all read within 30 s");
                }
                long[] delays = new long[connections];
                for (int i = 0; i < connections; i++) {
                    delays[i] = arrival[i] - start;
                }
                Arrays.sort(delays);
                System.out.printf(
                        Locale.ROOT,
                        "round %2d: all written after %.1f ms; arrival p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                        r,
                        (written - start) / 1e6,
                        delays[connections / 2] / 1e6,
                        delays[(int) (connections * 0.99)] / 1e6,
                        delays[connections - 1] / 1e6);
                Thread.sleep(300); // let the readers go idle between rounds (a benchmark, not a test)
            }
            pool.shutdownNow();
            for (SocketChannel c : clients) {
                c.close();
            }
        } finally {
            for (SocketChannel s : servers) {
                s.close();
            }
        }
    }

    private static void read(Selector selector, long[] arrival, CountDownLatch[] round) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    buffer.clear();
                    if (((SocketChannel) key.channel()).read(buffer) > 0) {
                        arrival[(Integer) key.attachment()] = System.nanoTime();
                        round[0].countDown();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
