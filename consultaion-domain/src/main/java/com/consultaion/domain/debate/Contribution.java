package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * What one agent produced in one stage: an answer, or the reason it produced none. A failure is a first-class
 * outcome, recorded with its reason and never replaced by made-up text.
 */
public record Contribution(
        int stage,
        int round,
        Phase phase,
        String agent,
        String model,
        String provider,
        @Nullable String content,
        @Nullable String error,
        Usage usage,
        Instant at) {

    public Contribution {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(at, "at");
        if ((content == null) == (error == null)) {
            throw new IllegalArgumentException("a contribution has either content or an error");
        }
    }

    public static Contribution answered(
            int stage,
            int round,
            Phase phase,
            String agent,
            String model,
            String provider,
            String content,
            Usage usage,
            Instant at) {
        return new Contribution(stage, round, phase, agent, model, provider, content, null, usage, at);
    }

    public static Contribution failed(
            int stage,
            int round,
            Phase phase,
            String agent,
            String model,
            String provider,
            String error,
            Usage usage,
            Instant at) {
        return new Contribution(stage, round, phase, agent, model, provider, null, error, usage, at);
    }

    public boolean ok() {
        return content != null;
    }
}
