package com.consultaion.domain.debate;

import java.util.Locale;
import java.util.Optional;

/**
 * What part of a debate a contribution belongs to; its wire name is stored with the contribution and sent in
 * events. A phase either holds an agent's answer (a candidate) or concludes the debate or a round.
 */
public enum Phase {
    DRAFT(true),
    CRITIQUE(true),
    JUDGE(false),
    SYNTHESIS(false),
    EXPLORE(true),
    REBUTTAL(true),
    CONVERGE(true),
    VERDICT(false),
    DISCUSSION(true),
    SUMMARY(false),
    FACILITATION(false);

    private final boolean answer;

    Phase(boolean answer) {
        this.answer = answer;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a contribution of this phase is an agent's answer (not a synthesis, verdict or summary). */
    public boolean isAnswer() {
        return answer;
    }

    public static Optional<Phase> of(String wireName) {
        for (Phase p : values()) {
            if (p.wireName().equals(wireName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
