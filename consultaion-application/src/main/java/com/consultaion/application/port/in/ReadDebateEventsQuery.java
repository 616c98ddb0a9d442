package com.consultaion.application.port.in;

import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import java.util.List;
import java.util.Optional;

/** Query: a debate's events after a seq, in order (empty optional: no such debate for this requester). */
public interface ReadDebateEventsQuery {

    int MAX_LIMIT = 1000;

    Optional<List<DebateEvent>> readAfter(DebateId id, Requester requester, long afterSeq, int limit);
}
