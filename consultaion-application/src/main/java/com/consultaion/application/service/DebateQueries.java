package com.consultaion.application.service;

import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.ListDebatesQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.domain.Texts;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.Violations;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.event.DebateEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Queries on debates. Visibility is checked here for every read: a debate the requester may not see is
 * indistinguishable from one that does not exist.
 */
public final class DebateQueries
        implements GetDebateQuery, GetTranscriptQuery, ReadDebateEventsQuery, ListDebatesQuery {

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
        if (limit < 1 || limit > ReadDebateEventsQuery.MAX_LIMIT) {
            throw ValidationException.of(
                    "limit", "limit.out_of_range", "must be between 1 and " + ReadDebateEventsQuery.MAX_LIMIT);
        }
        if (requester.admin()) {
            // Sees every debate, so the only question is whether it exists: events answer it when there are any.
            // This read runs for every live stream's wake-up (as the system), so it skips loading the debate.
            List<DebateEvent> read = events.readAfter(id, afterSeq, limit);
            return !read.isEmpty() || debates.findById(id).isPresent() ? Optional.of(read) : Optional.empty();
        }
        return get(id, requester).map(d -> events.readAfter(id, afterSeq, limit));
    }

    @Override
    public ListDebatesQuery.Page list(
            Requester requester, String status, boolean allUsers, String text, int limit, int offset) {
        Violations v = new Violations();
        v.check(
                limit >= 1 && limit <= ListDebatesQuery.MAX_LIMIT,
                "limit",
                "limit.out_of_range",
                "must be between 1 and " + ListDebatesQuery.MAX_LIMIT);
        v.check(
                offset >= 0 && offset <= ListDebatesQuery.MAX_OFFSET,
                "offset",
                "offset.out_of_range",
                "must be between 0 and " + ListDebatesQuery.MAX_OFFSET);
        v.check(text == null || text.length() <= 200, "q", "q.too_long", "must have at most 200 characters");
        v.check(Texts.clean(text), "q", "text.control_characters", "must not contain control characters");
        DebateStatus wanted = null;
        if (status != null && !status.isBlank() && !status.equals("all")) {
            try {
                wanted = DebateStatus.fromWireName(status);
            } catch (IllegalArgumentException e) {
                v.add("status", "status.invalid", "must be a debate status or all");
            }
        }
        v.check(
                !allUsers || requester.admin(),
                "status",
                "status.all_admin_only",
                "only admins may list every user's debates");
        v.throwIfAny();
        if (!requester.admin() && requester.user().isEmpty()) {
            return new ListDebatesQuery.Page(List.of(), 0, limit, offset);
        }
        UserId owner = allUsers ? null : requester.user().orElse(null);
        DebateRepository.Page page = debates.page(
                owner,
                allUsers ? Set.of() : requester.teams(),
                wanted,
                text == null || text.isBlank() ? null : text.strip(),
                limit,
                offset);
        return new ListDebatesQuery.Page(page.items(), page.total(), limit, offset);
    }
}
