package com.consultaion.adapter.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** The backlog rule of the reactive outlet, with the test playing the connection (its demand is its socket). */
class ReactiveOutletTest {

    private static final byte[] FIRST = "retry: 3000\n\n".getBytes(StandardCharsets.UTF_8);

    /** A connection that takes what it is given, as fast as it comes. */
    private static final class Reader extends BaseSubscriber<byte[]> {
        final List<byte[]> chunks = new ArrayList<>();
        final AtomicBoolean completed = new AtomicBoolean();
        final AtomicReference<Subscription> subscription = new AtomicReference<>();
        private final long initialDemand;

        Reader(long initialDemand) {
            this.initialDemand = initialDemand;
        }

        @Override
        protected void hookOnSubscribe(Subscription s) {
            subscription.set(s);
            if (initialDemand > 0) {
                s.request(initialDemand);
            }
        }

        @Override
        protected void hookOnNext(byte[] chunk) {
            chunks.add(chunk);
        }

        @Override
        protected void hookOnComplete() {
            completed.set(true);
        }
    }

    @Test
    void aChunkLargerThanTheLimitStillReachesAClientThatKeepsUp() {
        ReactiveOutlet outlet = new ReactiveOutlet(1024);
        Reader reader = new Reader(Long.MAX_VALUE);
        outlet.body(FIRST, () -> () -> {}).subscribe(reader);

        byte[] big = new byte[64 * 1024];
        assertThat(outlet.send(big)).isTrue();
        assertThat(outlet.send(big)).as("the first was taken, nothing waits").isTrue();
        outlet.complete();

        assertThat(reader.chunks).hasSize(3);
        assertThat(reader.chunks.get(0)).isEqualTo(FIRST);
        assertThat(reader.completed).isTrue();
    }

    @Test
    void aClientThatStopsReadingIsRefusedOnceMoreThanTheLimitWaitsAndCutOff() {
        ReactiveOutlet outlet = new ReactiveOutlet(1024);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Reader reader = new Reader(1); // takes the retry frame, then its socket is full
        outlet.body(FIRST, () -> () -> cleanedUp.set(true)).subscribe(reader);

        int accepted = 0;
        while (accepted < 100 && outlet.send(new byte[300])) {
            accepted++;
        }
        // 300, 600, 900, 1200 bytes waiting when each next one is offered: the fifth is refused.
        assertThat(accepted).isEqualTo(4);
        assertThat(reader.chunks).hasSize(1);

        outlet.cut();
        assertThat(reader.completed)
                .as("the response ends without waiting for the client")
                .isTrue();
        assertThat(cleanedUp).isTrue();
    }
}
