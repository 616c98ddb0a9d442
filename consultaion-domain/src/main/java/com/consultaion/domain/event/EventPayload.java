package com.consultaion.domain.event;

import com.consultaion.domain.Nullable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a debate event says. The set of types is closed here and only grows (clients ignore types they do not
 * know). {@link #fields()} is the payload as wire fields (snake_case, JSON-compatible values); {@link
 * EventPayloads#decode} reverses it, so every adapter stores and sends one representation.
 */
public sealed interface EventPayload {

    String type();

    Map<String, Object> fields();

    default boolean terminal() {
        return false;
    }

    /** The debate was accepted and queued. */
    record DebateCreated(String mode, List<String> agents, List<String> judges) implements EventPayload {
        public DebateCreated {
            agents = List.copyOf(agents);
            judges = List.copyOf(judges);
        }

        @Override
        public String type() {
            return "debate_created";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("mode", mode, "agents", agents, "judges", judges);
        }
    }

    /** A round (stage) began: {@code phase} is draft, critique, judge or synthesis. */
    record RoundStarted(int round, String phase) implements EventPayload {
        @Override
        public String type() {
            return "round_started";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("round", round, "phase", phase);
        }
    }

    /** One contribution: an agent's draft or revision, or the synthesis. */
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

        @Override
        public String type() {
            return "message";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "round",
                    round,
                    "phase",
                    phase,
                    "role",
                    role,
                    "agent",
                    agent,
                    "model",
                    model,
                    "provider",
                    provider,
                    "content",
                    content,
                    "usage",
                    usage.fields());
        }
    }

    /**
     * A parliament seat spoke (or its reply could not be read as structured JSON: {@code structured} is then
     * false and the content is the reply as written).
     */
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
            implements EventPayload {
        @Override
        public String type() {
            return "seat_message";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "round",
                    round,
                    "phase",
                    phase,
                    "seat_id",
                    seatId,
                    "seat_name",
                    seatName,
                    "role",
                    role,
                    "model",
                    model,
                    "provider",
                    provider,
                    "content",
                    content,
                    "stance",
                    stance,
                    "reasoning",
                    reasoning,
                    "structured",
                    structured,
                    "usage",
                    usage.fields());
        }
    }

    /** The scribe's summary of one conversation round. */
    record ConversationSummary(int round, String content) implements EventPayload {
        @Override
        public String type() {
            return "conversation_summary";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("round", round, "content", content);
        }
    }

    /** Something the user should know that is not an error of the debate itself. */
    record Notice(String level, String message) implements EventPayload {
        @Override
        public String type() {
            return "notice";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("level", level, "message", message);
        }
    }

    /** An agent produced nothing in this stage; {@code reason} names provider, model and cause. */
    record AgentFailed(String agent, String model, String reason) implements EventPayload {
        @Override
        public String type() {
            return "agent_failed";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("agent", agent, "model", model, "reason", reason);
        }
    }

    /** A judge's parsed verdict on one candidate. */
    record Score(String judge, String candidate, Map<String, Double> criteria, double score, String rationale)
            implements EventPayload {
        public Score {
            criteria = Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
        }

        @Override
        public String type() {
            return "score";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "judge",
                    judge,
                    "candidate",
                    candidate,
                    "criteria",
                    criteria,
                    "score",
                    score,
                    "rationale",
                    rationale);
        }
    }

    /** A judge's reply could not be read; that verdict is excluded. */
    record JudgeUnparseable(String judge, String candidate, String reason) implements EventPayload {
        @Override
        public String type() {
            return "judge_unparseable";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("judge", judge, "candidate", candidate, "reason", reason);
        }
    }

    /** The vote: candidates best first, each with its aggregated score. */
    record RankingDecided(List<String> ranking, String method, Map<String, Double> scores) implements EventPayload {
        public RankingDecided {
            ranking = List.copyOf(ranking);
            scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        }

        @Override
        public String type() {
            return "ranking";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("ranking", ranking, "method", method, "scores", scores);
        }
    }

    /** A model failed and another one of the same tier took over. */
    record Fallback(String from, String to, String reason) implements EventPayload {
        @Override
        public String type() {
            return "fallback";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("from", from, "to", to, "reason", reason);
        }
    }

    /** The debate finished with an answer (possibly with warnings, named in {@code meta}). Terminal. */
    record Final(@Nullable String content, Map<String, Object> meta) implements EventPayload {
        public Final {
            meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        }

        @Override
        public String type() {
            return "final";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("content", content, "meta", meta);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** The debate failed: {@code reason} is a stable code (quorum_lost, deadline_exceeded …). Terminal. */
    record DebateFailed(String reason, @Nullable String detail) implements EventPayload {
        @Override
        public String type() {
            return "debate_failed";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("reason", reason, "detail", detail);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /**
     * A failed debate was retried: a new run begins at {@code stage}, the first stage not committed (a cut or
     * failed stage never is), with the stages before it kept. The terminal event before this one ended the previous
     * run; the stream goes on to the terminal event of the latest run.
     */
    record DebateRetried(int stage, int run) implements EventPayload {
        @Override
        public String type() {
            return "debate_retried";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("stage", stage, "run", run);
        }
    }

    /** The debate was cancelled. Terminal. */
    record DebateCancelled() implements EventPayload {
        @Override
        public String type() {
            return "debate_cancelled";
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of();
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** A type this version does not know (written by a newer node); carried through unchanged. */
    record Unknown(String type, Map<String, Object> fields) implements EventPayload {}

    /** Token usage as carried in events. */
    record UsageFields(long inputTokens, long outputTokens, double costUsd, boolean estimated) {
        Map<String, Object> fields() {
            return ordered(
                    "input_tokens",
                    inputTokens,
                    "output_tokens",
                    outputTokens,
                    "cost_usd",
                    costUsd,
                    "estimated",
                    estimated);
        }
    }

    private static Map<String, Object> ordered(@Nullable Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value instanceof List<?> list) {
                value = new ArrayList<>(list);
            }
            map.put((String) keyValues[i], value);
        }
        return Collections.unmodifiableMap(map);
    }
}
