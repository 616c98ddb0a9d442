package com.consultaion.application.port.out;

import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import java.util.List;

/**
 * Port out: the per-debate event log. Appends must continue the sequence without a gap (the first new event is
 * {@code lastSeq + 1}) and never repeat a seq; reads return events in seq order.
 */
public interface DebateEventStore {

    void append(List<DebateEvent> events);

    /** Up to {@code limit} events with {@code seq > afterSeq}, in order. */
    List<DebateEvent> readAfter(DebateId id, long afterSeq, int limit);

    /** The highest stored seq, 0 when there is none. */
    long lastSeq(DebateId id);

    /** An append would leave a gap or repeat a seq. */
    final class SequenceException extends RuntimeException {
        public SequenceException(String message) {
            super(message);
        }
    }
}
