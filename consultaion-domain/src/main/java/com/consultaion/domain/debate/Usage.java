package com.consultaion.domain.debate;

/** Tokens and cost of one or more model calls; {@code estimated} when the provider did not report them. */
public record Usage(long inputTokens, long outputTokens, double costUsd, boolean estimated) {

    public static final Usage NONE = new Usage(0, 0, 0, false);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || !(costUsd >= 0)) {
            throw new IllegalArgumentException("usage is never negative");
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                costUsd + other.costUsd,
                estimated || other.estimated);
    }
}
