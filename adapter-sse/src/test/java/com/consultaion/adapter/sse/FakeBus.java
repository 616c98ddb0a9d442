package com.consultaion.adapter.sse;

import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.domain.debate.DebateId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/** A bus in this JVM that calls its listeners on the publisher's thread, as the in-process bus does. */
final class FakeBus implements DebateEventBus {

    /** A follower that takes nothing: keeps a debate's window alive in tests that read the hub directly. */
    static final EventHub.Follower IDLE = new EventHub.Follower() {
        @Override
        public void signalled(long seq, LongFunction<EventHub.Chunk> chunkAfter) {}

        @Override
        public void resync() {}

        @Override
        public void live(byte[] frame) {}
    };

    final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DebateId debate, long lastSeq) {
        for (LongConsumer l : listeners) {
            l.accept(lastSeq);
        }
    }

    @Override
    public Subscription subscribe(DebateId debate, LongConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
