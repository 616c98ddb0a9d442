package com.consultaion.application.service;

import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import java.util.List;
import java.util.Optional;

/**
 * Queries on debates. Visibility is checked here for every read: a debate the requester may not see is
 * indistinguishable from one that does not exist.
 */
public final class DebateQueries implements GetDebateQuery, GetTranscriptQuery, ReadDebateEventsQuery {

    private final DebateRepository debates;
    private final TranscriptRepository transcripts;
    private final DebateEventStore events;

    public DebateQueries(DebateRepository debates, TranscriptRepository transcripts, DebateEventStore events) {
        this.debates = debates;
        this.transcripts = transcripts;
        this.events = events;
    }

    @Override
    public Optional<Debate> get(DebateId id, Requester requester) {
        return debates.findById(id).filter(requester::canSee);
    }

    @Override
    public Optional<Transcript> transcript(DebateId id, Requester requester) {
        return get(id, requester)
                .map(d -> new Transcript(
                        d, transcripts.contributions(id), transcripts.verdicts(id), transcripts.ranking(id)));
    }

    @Override
    public Optional<List<DebateEvent>> readAfter(DebateId id, Requester requester, long afterSeq, int limit) {
        if (afterSeq < 0) {
            throw ValidationException.of("after", "after.negative", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", "limit.out_of_range", "must be between 1 and " + MAX_LIMIT);
        }
        return get(id, requester).map(d -> events.readAfter(id, afterSeq, limit));
    }
}
