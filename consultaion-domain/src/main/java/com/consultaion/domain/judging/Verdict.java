package com.consultaion.domain.judging;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Usage;
import java.time.Instant;
import java.util.Objects;

/**
 * One judge's verdict on one candidate, with everything needed to audit it: the anonymous label the judge saw,
 * the judge's model and its raw reply.
 */
public record Verdict(
        String judge,
        String candidate,
        String label,
        String model,
        JudgeVerdict verdict,
        @Nullable String rawText,
        Usage usage,
        Instant at) {

    public Verdict {
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(at, "at");
    }

    public boolean parsed() {
        return verdict instanceof JudgeVerdict.Parsed;
    }
}
