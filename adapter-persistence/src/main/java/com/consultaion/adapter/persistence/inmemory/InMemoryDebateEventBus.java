package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.LiveText;
import com.consultaion.domain.debate.DebateId;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** The in-process event bus: signals reach this JVM's subscribers only (single node and embedded use). */
public final class InMemoryDebateEventBus implements DebateEventBus {

    private static final System.Logger LOG = System.getLogger(InMemoryDebateEventBus.class.getName());

    private final Map<DebateId, List<LongConsumer>> listeners = new ConcurrentHashMap<>();
    private final Map<DebateId, List<Consumer<LiveText>>> live = new ConcurrentHashMap<>();

    @Override
    public void publishLive(LiveText text) {
        List<Consumer<LiveText>> subscribed = live.get(text.debate());
        if (subscribed == null) {
            return;
        }
        for (Consumer<LiveText> listener : subscribed) {
            try {
                listener.accept(text);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a live listener of debate " + text.debate() + " failed", e);
            }
        }
    }

    @Override
    public Subscription subscribeLive(DebateId id, Consumer<LiveText> listener) {
        live.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> live.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Whether anyone on this node follows the debate's live text. */
    public boolean followedLive(DebateId id) {
        return live.containsKey(id);
    }

    @Override
    public void publish(DebateId id, long lastSeq) {
        List<LongConsumer> subscribed = listeners.get(id);
        if (subscribed == null) {
            return;
        }
        for (LongConsumer listener : subscribed) {
            try {
                listener.accept(lastSeq);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an event listener of debate " + id + " failed", e);
            }
        }
    }

    @Override
    public Subscription subscribe(DebateId id, LongConsumer listener) {
        listeners.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Debates with at least one subscriber (for tests and metrics). */
    public int subscribedDebates() {
        return listeners.size();
    }

    /** Wakes every subscriber (after a gap in cross-node signals, so that each re-reads from the store). */
    public void publishToAll() {
        listeners.keySet().forEach(id -> publish(id, -1));
    }
}
