package com.consultaion.application.port.out;

import com.consultaion.domain.debate.DebateId;
import java.util.function.LongConsumer;

/**
 * Port out: tells subscribers that a debate has new events, up to a seq. It carries no event data: subscribers
 * read the events from the {@link DebateEventStore}, so a missed or repeated signal never loses or duplicates an
 * event. Implementations: in-process, and PostgreSQL LISTEN/NOTIFY across nodes.
 */
public interface DebateEventBus {

    void publish(DebateId id, long lastSeq);

    /** {@code listener} receives the newest seq; it must return quickly and never block. */
    Subscription subscribe(DebateId id, LongConsumer listener);

    /** Ends a subscription; idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
