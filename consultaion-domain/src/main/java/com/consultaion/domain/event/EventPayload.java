package com.consultaion.domain.event;

import com.consultaion.domain.Nullable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a debate event says. The set of types is closed here and only grows (clients ignore types they do not
 * know). A type is declared once: a record with its {@link EventType}; {@link #fields()} (the wire fields: each
 * component in snake_case, JSON-compatible values) and {@link EventPayloads#decode} are derived from it, so every
 * adapter stores and sends one representation.
 */
public sealed interface EventPayload {

    /** The wire type, as the payload's {@link EventType} declares it. */
    default String type() {
        return EventWire.declaration(getClass()).value();
    }

    /** The payload as wire fields: each record component, snake_case, in order. */
    default Map<String, Object> fields() {
        return EventWire.fields((Record) this);
    }

    /** Whether this event ends a run (final, debate_failed, debate_cancelled). */
    default boolean terminal() {
        return EventWire.declaration(getClass()).terminal();
    }

    /** The debate was accepted and queued. */
    @EventType("debate_created")
    record DebateCreated(String mode, List<String> agents, List<String> judges) implements EventPayload {
        public DebateCreated {
            agents = List.copyOf(agents);
            judges = List.copyOf(judges);
        }
    }

    /** A round (stage) began: {@code phase} is draft, critique, judge or synthesis. */
    @EventType("round_started")
    record RoundStarted(int round, String phase) implements EventPayload {}

    /** One contribution: an agent's draft or revision, or the synthesis. */
    @EventType("message")
    record Message(
            int round,
            String phase,
            String role,
            String agent,
            String model,
            String provider,
            String content,
            UsageFields usage)
            implements EventPayload {
        public Message {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A parliament seat spoke (or its reply could not be read as structured JSON: {@code structured} is then
     * false and the content is the reply as written).
     */
    @EventType("seat_message")
    record SeatMessage(
            int round,
            String phase,
            String seatId,
            String seatName,
            String role,
            String model,
            String provider,
            String content,
            @Nullable String stance,
            @Nullable String reasoning,
            boolean structured,
            UsageFields usage)
            implements EventPayload {}

    /** The scribe's summary of one conversation round. */
    @EventType("conversation_summary")
    record ConversationSummary(int round, String content) implements EventPayload {}

    /** Something the user should know that is not an error of the debate itself. */
    @EventType("notice")
    record Notice(String level, String message) implements EventPayload {}

    /** An agent produced nothing in this stage; {@code reason} names provider, model and cause. */
    @EventType("agent_failed")
    record AgentFailed(String agent, String model, String reason) implements EventPayload {}

    /** A judge's parsed verdict on one candidate. */
    @EventType("score")
    record Score(String judge, String candidate, Map<String, Double> criteria, double score, String rationale)
            implements EventPayload {
        public Score {
            criteria = Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
        }
    }

    /** A judge's reply could not be read; that verdict is excluded. */
    @EventType("judge_unparseable")
    record JudgeUnparseable(String judge, String candidate, String reason) implements EventPayload {}

    /** The vote: candidates best first, each with its aggregated score. */
    @EventType("ranking")
    record RankingDecided(List<String> ranking, String method, Map<String, Double> scores) implements EventPayload {
        public RankingDecided {
            ranking = List.copyOf(ranking);
            scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        }
    }

    /** A model failed and another one of the same tier took over. */
    @EventType("fallback")
    record Fallback(String from, String to, String reason) implements EventPayload {}

    /** The debate finished with an answer (possibly with warnings, named in {@code meta}). Terminal. */
    @EventType(value = "final", terminal = true)
    record Final(@Nullable String content, Map<String, Object> meta) implements EventPayload {
        public Final {
            meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        }
    }

    /** The debate failed: {@code reason} is a stable code (quorum_lost, deadline_exceeded …). Terminal. */
    @EventType(value = "debate_failed", terminal = true)
    record DebateFailed(String reason, @Nullable String detail) implements EventPayload {}

    /**
     * A failed debate was retried: a new run begins at {@code stage}, the first stage not committed (a cut or
     * failed stage never is), with the stages before it kept. The terminal event before this one ended the previous
     * run; the stream goes on to the terminal event of the latest run.
     */
    @EventType("debate_retried")
    record DebateRetried(int stage, int run) implements EventPayload {}

    /** The debate was cancelled. Terminal. */
    @EventType(value = "debate_cancelled", terminal = true)
    record DebateCancelled() implements EventPayload {}

    /** A type this version does not know (written by a newer node); carried through unchanged. */
    record Unknown(String type, Map<String, Object> fields) implements EventPayload {
        @Override
        public boolean terminal() {
            return false;
        }
    }

    /** Token usage as carried in events. */
    record UsageFields(long inputTokens, long outputTokens, double costUsd, boolean estimated) {}
}
