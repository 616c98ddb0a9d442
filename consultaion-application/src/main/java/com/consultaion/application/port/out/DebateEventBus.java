package com.consultaion.application.port.out;

import com.consultaion.domain.debate.DebateId;
import java.util.function.Consumer;
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

    /**
     * Sends a piece of a model call's text to the debate's live subscribers on every node: never stored, best
     * effort (a piece may be lost; the committed event has the whole text). By default nobody receives it.
     */
    default void publishLive(LiveText text) {}

    /** {@code listener} receives the debate's live text; it must return quickly and never block. */
    default Subscription subscribeLive(DebateId id, Consumer<LiveText> listener) {
        return () -> {};
    }

    /** Ends a subscription; idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
