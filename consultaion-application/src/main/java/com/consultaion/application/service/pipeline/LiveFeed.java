package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.LiveText;
import com.consultaion.application.port.out.TokenSink;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.DebateId;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * A model call's text, as the model streams it, to the debate's live subscribers ({@link
 * DebateEventBus#publishLive}): the first piece at once (so the wait to see a model begin is the model's own),
 * then what arrived since, at most once per {@code every} (a model emitting a token every millisecond costs a
 * publication per interval, not per token), and what is left when the call answers. A restart (a retry after
 * partial output) is published at once as an empty piece of the next attempt. Nothing here is stored.
 */
public final class LiveFeed {

    /** Publishes nothing (an embedder without live viewers). */
    public static final LiveFeed NONE = new LiveFeed(null, Clock.systemUTC(), Duration.ZERO);

    private final @Nullable DebateEventBus bus;
    private final Clock clock;
    private final long everyNanos;

    public LiveFeed(@Nullable DebateEventBus bus, Clock clock, Duration every) {
        this.bus = bus;
        this.clock = clock;
        this.everyNanos = every.toNanos();
    }

    /** The sink of one call; {@link Sink#finish()} publishes what is left once it answered. */
    Sink open(DebateId debate, ChatRequest request) {
        return new Sink(debate, request);
    }

    final class Sink implements TokenSink {
        private final DebateId debate;
        private final ChatRequest request;
        private final String call = UUID.randomUUID().toString();
        private final StringBuilder pending = new StringBuilder();
        private int attempt;
        private int index;
        private long lastPublished;

        private Sink(DebateId debate, ChatRequest request) {
            this.debate = debate;
            this.request = request;
        }

        @Override
        public synchronized void text(String delta) {
            if (bus == null || delta.isEmpty()) {
                return;
            }
            pending.append(delta);
            if (index == 0 || System.nanoTime() - lastPublished >= everyNanos) {
                publish();
            }
        }

        @Override
        public synchronized void restart() {
            if (bus == null) {
                return;
            }
            pending.setLength(0);
            attempt++;
            index = 0;
            publish(); // an empty first piece of the new attempt: viewers drop the text so far at once
        }

        /** The call answered: what arrived since the last piece goes out now. */
        synchronized void finish() {
            if (bus != null && !pending.isEmpty()) {
                publish();
            }
        }

        private void publish() {
            DebateEventBus target = bus;
            if (target == null) {
                return;
            }
            String text = pending.toString();
            pending.setLength(0);
            lastPublished = System.nanoTime();
            try {
                target.publishLive(new LiveText(
                        debate,
                        call,
                        attempt,
                        index++,
                        request.task().name().toLowerCase(Locale.ROOT),
                        request.speaker(),
                        request.model(),
                        text,
                        clock.instant()));
            } catch (RuntimeException e) {
                // live text is best effort: it never breaks a call
            }
        }
    }
}
