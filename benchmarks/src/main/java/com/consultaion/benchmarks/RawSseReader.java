package com.consultaion.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fan-out harness's stream reader: many SSE connections over plain NIO, a few selector threads, no decoding
 * to strings. A general HTTP client (the JDK's) costs about as much CPU per event as the service does to send
 * it, and on a 2-core machine that would be measured as the service's latency. This reader does only what the
 * measurement needs: HTTP/1.1 status and chunked framing, then every SSE {@code data:} line's {@code "type"} and
 * {@code "ts"}.
 */
final class RawSseReader implements AutoCloseable {

    /** What a stream reports; called on the reader's threads. */
    interface Listener {
        /** The response began (status line and headers read). */
        void opened(int status);

        /** A {@code data:} line with this {@code ts}, of an event of this {@code type}, arrived now. */
        void event(String type, Instant ts, Instant arrived);

        /** The stream ended: the last chunk ({@code clean}), or the connection closed or failed. */
        void ended(boolean clean);
    }

    private static final byte[] TS = "\"ts\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FIRST_PIECE = "\"attempt\":0,\"index\":0,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final String host;
    private final List<Loop> loops = new ArrayList<>();
    private int next;

    RawSseReader(String host, int port, int threads) throws IOException {
        this.address = new InetSocketAddress(host, port);
        this.host = host + ":" + port;
        for (int i = 0; i < threads; i++) {
            Loop loop = new Loop();
            loops.add(loop);
            Thread t = new Thread(loop, "sse-reader-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Opens {@code GET path} with these extra header lines ({@code "Name: value"}). */
    void open(String path, List<String> headers, Listener listener) {
        StringBuilder request = new StringBuilder("GET ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\nAccept: text/event-stream\r\n");
        headers.forEach(h -> request.append(h).append("\r\n"));
        request.append("\r\n");
        Loop loop = loops.get(next++ % loops.size());
        loop.pending.add(
                new Connection(ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.US_ASCII)), listener));
        loop.selector.wakeup();
    }

    @Override
    public void close() {
        loops.forEach(l -> {
            l.closed.set(true);
            l.selector.wakeup();
        });
    }

    private final class Loop implements Runnable {
        final Selector selector;
        final ConcurrentLinkedQueue<Connection> pending = new ConcurrentLinkedQueue<>();
        final AtomicBoolean closed = new AtomicBoolean();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        final byte[] bytes = new byte[256 * 1024];

        Loop() throws IOException {
            this.selector = Selector.open();
        }

        @Override
        public void run() {
            try {
                while (!closed.get()) {
                    selector.select(100);
                    Connection c;
                    while ((c = pending.poll()) != null) {
                        SocketChannel channel = SocketChannel.open();
                        channel.configureBlocking(false);
                        channel.connect(address);
                        channel.register(selector, SelectionKey.OP_CONNECT, c);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key);
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void handle(SelectionKey key) {
            Connection c = (Connection) key.attachment();
            SocketChannel channel = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    channel.write(c.request);
                    if (!c.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read < 0) {
                        c.end(false);
                        channel.close();
                        return;
                    }
                    Instant now = Instant.now();
                    buffer.flip();
                    buffer.get(bytes, 0, read);
                    if (c.feed(bytes, read, now)) {
                        channel.close();
                    }
                }
            } catch (IOException e) {
                c.end(false);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a failed connection
                }
            }
        }
    }

    /** One stream: HTTP head, then chunked framing, then SSE lines. */
    private static final class Connection {
        final ByteBuffer request;
        final Listener listener;
        /** 0 head, 1 chunk size line, 2 chunk data, 3 the CRLF after a chunk. */
        int phase;

        long chunkLeft;
        byte[] line = new byte[8 * 1024];
        int lineLength;
        boolean ended;

        Connection(ByteBuffer request, Listener listener) {
            this.request = request;
            this.listener = listener;
        }

        void end(boolean clean) {
            if (!ended) {
                ended = true;
                listener.ended(clean);
            }
        }

        /** Consumes what was read; true when the stream is over and the connection can be closed. */
        boolean feed(byte[] in, int length, Instant now) {
            int i = 0;
            while (i < length && !ended) {
                switch (phase) {
                    case 0, 1 -> {
                        byte b = in[i++];
                        if (b != '\n') {
                            append(b);
                            continue;
                        }
                        String text = new String(line, 0, lineLength, StandardCharsets.US_ASCII).strip();
                        lineLength = 0;
                        if (phase == 0) {
                            if (text.startsWith("HTTP/")) {
                                int status = Integer.parseInt(text.substring(9, 12));
                                listener.opened(status);
                                if (status != 200) {
                                    end(false);
                                }
                            } else if (text.isEmpty()) {
                                phase = 1;
                            }
                        } else if (!text.isEmpty()) {
                            int semicolon = text.indexOf(';');
                            chunkLeft = Long.parseLong(semicolon < 0 ? text : text.substring(0, semicolon), 16);
                            if (chunkLeft == 0) {
                                end(true);
                            } else {
                                phase = 2;
                            }
                        }
                    }
                    case 2 -> {
                        int take = (int) Math.min(chunkLeft, length - i);
                        for (int k = i; k < i + take; k++) {
                            byte b = in[k];
                            if (b == '\n') {
                                sseLine(now);
                                lineLength = 0;
                            } else {
                                append(b);
                            }
                        }
                        i += take;
                        chunkLeft -= take;
                        if (chunkLeft == 0) {
                            phase = 3;
                        }
                    }
                    default -> {
                        if (in[i++] == '\n') {
                            phase = 1;
                        }
                    }
                }
            }
            return ended;
        }

        private void append(byte b) {
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }

        private void sseLine(Instant now) {
            if (lineLength < DATA.length || !Arrays.equals(line, 0, DATA.length, DATA, 0, DATA.length)) {
                return;
            }
            String ts = field(TS);
            if (ts == null) {
                return;
            }
            String type = field(TYPE);
            if ("delta".equals(type) && indexOf(FIRST_PIECE) >= 0) {
                type = "delta:first"; // the first piece of a call: stamped when the model's first token arrived
            }
            listener.event(type == null ? "message" : type, Instant.parse(ts), now);
        }

        /** The string value that follows {@code key} (a {@code "name":"} prefix) on the current line, or null. */
        private String field(byte[] key) {
            int at = indexOf(key);
            if (at < 0) {
                return null;
            }
            int start = at + key.length;
            int end = start;
            while (end < lineLength && line[end] != '"') {
                end++;
            }
            return new String(line, start, end - start, StandardCharsets.US_ASCII);
        }

        private int indexOf(byte[] pattern) {
            outer:
            for (int i = 0; i + pattern.length <= lineLength; i++) {
                for (int k = 0; k < pattern.length; k++) {
                    if (line[i + k] != pattern[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
