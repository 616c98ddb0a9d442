package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.domain.debate.DebateId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
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
 */
public final class PostgresNotifyEventBus implements DebateEventBus, AutoCloseable {

    static final String CHANNEL = "consultaion_events";
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
                st.execute("LISTEN " + CHANNEL); // a constant identifier, never user input
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
                        deliver(n.getParameter());
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

    @Override
    public void close() {
        running = false;
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
