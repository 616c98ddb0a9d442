package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.LiveText;
import com.consultaion.domain.debate.DebateId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The event bus across nodes: a signal published here reaches this node's subscribers at once and every other
 * node's through PostgreSQL {@code NOTIFY}. It carries only "debate X has events up to seq N"; subscribers read
 * the events from the store, so a lost notification delays a subscriber but never loses an event. After its
 * listening connection is re-established, every local subscriber is woken to re-read. Notifications are sent
 * by a background sender, not by the publishing thread: a debate's next stage does not wait for a pool
 * connection just to tell other nodes, and signals published while one is being sent go out together (only the
 * highest seq per debate matters).
 *
 * <p>Live text (a model call's streamed answer, {@link LiveText}) goes the same way on a channel of its own, its
 * content in the notification's payload: never written to a table, and best effort (pieces queued beyond
 * {@value #LIVE_QUEUE} while the database is slow are dropped; the committed event has the whole text). Pieces
 * queued while one batch is sent go out together, in order, in one statement.
 */
public final class PostgresNotifyEventBus implements DebateEventBus, AutoCloseable {

    static final String CHANNEL = "consultaion_events";
    static final String LIVE_CHANNEL = "consultaion_live";
    /** The most live pieces waiting to be sent; more are dropped. */
    static final int LIVE_QUEUE = 10_000;
    /** A notification's payload must stay under PostgreSQL's 8,000 bytes: longer text is sent in parts. */
    static final int LIVE_TEXT_CHARS = 1_800;

    private static final System.Logger LOG = System.getLogger(PostgresNotifyEventBus.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final InMemoryDebateEventBus local = new InMemoryDebateEventBus();
    private final Jdbi jdbi;
    private final Supplier<Connection> listenConnection;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Thread listener;
    private final ConcurrentHashMap<DebateId, Long> outbox = new ConcurrentHashMap<>();
    private final Semaphore outboxSignal = new Semaphore(0);
    private final Thread sender;
    private final ConcurrentLinkedQueue<String> liveOutbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger liveQueued = new AtomicInteger();
    private final Semaphore liveSignal = new Semaphore(0);
    private final Thread liveSender;
    private volatile boolean running = true;
    private volatile Connection connection;

    /**
     * @param jdbi publishes through the pool
     * @param listenConnection opens the dedicated connection that LISTENs (outside the pool: it is held forever)
     */
    public PostgresNotifyEventBus(Jdbi jdbi, Supplier<Connection> listenConnection) {
        this.jdbi = jdbi;
        this.listenConnection = listenConnection;
        this.listener = Thread.ofPlatform().daemon().name("pg-event-listener").start(this::listen);
        this.sender = Thread.ofVirtual().name("pg-event-notifier").start(this::send);
        this.liveSender = Thread.ofVirtual().name("pg-live-notifier").start(this::sendLive);
    }

    @Override
    public void publishLive(LiveText text) {
        local.publishLive(text);
        String body = text.text();
        int parts = Math.max(1, (body.length() + LIVE_TEXT_CHARS - 1) / LIVE_TEXT_CHARS);
        for (int i = 0; i < parts; i++) {
            if (liveQueued.incrementAndGet() > LIVE_QUEUE) {
                liveQueued.decrementAndGet();
                return; // the database is not keeping up: other nodes miss this piece, the event will have it
            }
            String part = body.substring(i * LIVE_TEXT_CHARS, Math.min(body.length(), (i + 1) * LIVE_TEXT_CHARS));
            liveOutbox.add(String.join(
                    "|",
                    node,
                    text.debate().toString(),
                    text.call(),
                    Integer.toString(text.attempt()),
                    Integer.toString(text.index()),
                    text.task(),
                    text.speaker(),
                    text.model(),
                    Long.toString(text.at().toEpochMilli()),
                    part));
        }
        liveSignal.release();
    }

    @Override
    public Subscription subscribeLive(DebateId id, Consumer<LiveText> listener) {
        return local.subscribeLive(id, listener);
    }

    /** Sends the queued live pieces, all of them in one statement per round; runs until closed. */
    private void sendLive() {
        while (running) {
            try {
                liveSignal.acquire();
            } catch (InterruptedException e) {
                return;
            }
            liveSignal.drainPermits();
            List<String> batch = new ArrayList<>();
            for (String p; (p = liveOutbox.poll()) != null; ) {
                batch.add(p);
            }
            liveQueued.addAndGet(-batch.size());
            if (batch.isEmpty()) {
                continue;
            }
            try {
                jdbi.useHandle(h -> h.createQuery("SELECT count(pg_notify(:channel, p)) FROM unnest(:pieces) AS p")
                        .bind("channel", LIVE_CHANNEL)
                        .bindArray("pieces", String.class, batch)
                        .mapTo(Long.class)
                        .one());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "live text not sent to other nodes: {0}", e.toString());
            }
        }
    }

    @Override
    public void publish(DebateId id, long lastSeq) {
        local.publish(id, lastSeq);
        outbox.merge(id, lastSeq, Math::max);
        outboxSignal.release();
    }

    /** Sends what was published, a batch per connection; runs until closed, then sends what is left once. */
    private void send() {
        while (running) {
            try {
                outboxSignal.acquire();
            } catch (InterruptedException e) {
                break; // closing
            }
            outboxSignal.drainPermits();
            sendPending();
        }
        Thread.interrupted(); // the interrupt only ended the wait: the last batch still goes out
        sendPending();
    }

    private void sendPending() {
        List<Map.Entry<DebateId, Long>> batch = new ArrayList<>();
        for (DebateId id : outbox.keySet()) {
            Long seq = outbox.remove(id);
            if (seq != null) {
                batch.add(Map.entry(id, seq));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(h -> {
                for (Map.Entry<DebateId, Long> signal : batch) {
                    h.createQuery("SELECT pg_notify(:channel, :payload)")
                            .bind("channel", CHANNEL)
                            .bind("payload", node + "|" + signal.getKey() + "|" + signal.getValue())
                            .mapTo(String.class)
                            .findOne();
                }
            });
        } catch (RuntimeException e) {
            // Other nodes' subscribers still catch up on their next heartbeat read.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not notify other nodes of {0} debate(s): {1}",
                    batch.size(),
                    e.toString());
        }
    }

    @Override
    public Subscription subscribe(DebateId id, LongConsumer listener) {
        return local.subscribe(id, listener);
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(200);
        boolean reconnected = false;
        while (running) {
            try (Connection c = listenConnection.get();
                    Statement st = c.createStatement()) {
                connection = c;
                st.execute("LISTEN " + CHANNEL); // constant identifiers, never user input
                st.execute("LISTEN " + LIVE_CHANNEL);
                if (reconnected) {
                    local.publishToAll(); // signals may have been missed while disconnected
                }
                backoff = Duration.ofMillis(200);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        if (n.getName().equals(LIVE_CHANNEL)) {
                            deliverLive(n.getParameter());
                        } else {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(
                        System.Logger.Level.WARNING,
                        "event listener lost its connection; retrying in {0} ms: {1}",
                        backoff.toMillis(),
                        e.toString());
                reconnected = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void deliver(String payload) {
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 3 || parts[0].equals(node)) {
            return; // malformed, or our own signal (already delivered locally)
        }
        try {
            local.publish(DebateId.parse(parts[1]), Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignored a malformed notification");
        }
    }

    private void deliverLive(String payload) {
        String[] f = payload.split("\\|", 10);
        if (f.length != 10 || f[0].equals(node)) {
            return; // malformed, or our own (delivered locally already)
        }
        try {
            local.publishLive(new LiveText(
                    DebateId.parse(f[1]),
                    f[2],
                    Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]),
                    f[5],
                    f[6],
                    f[7],
                    f[9],
                    Instant.ofEpochMilli(Long.parseLong(f[8]))));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignored a malformed live notification");
        }
    }

    @Override
    public void close() {
        running = false;
        liveSender.interrupt();
        sender.interrupt();
        try {
            sender.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing on shutdown
            }
        }
    }
}
