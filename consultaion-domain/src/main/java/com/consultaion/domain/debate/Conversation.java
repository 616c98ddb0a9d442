package com.consultaion.domain.debate;

import com.consultaion.domain.Violations;

/**
 * How a conversation runs: at most {@code rounds} rounds of delegates speaking (a scribe summarises each), and no
 * new round once {@code maxTotalTokens} have been spent; a facilitator then writes the synthesis.
 */
public record Conversation(int rounds, long maxTotalTokens) {

    public static final int MAX_ROUNDS = 4;
    public static final Conversation DEFAULT = new Conversation(MAX_ROUNDS, 8_000);

    public Conversation {
        Violations v = new Violations();
        v.check(
                rounds >= 1 && rounds <= MAX_ROUNDS,
                "conversation.rounds",
                "rounds.out_of_range",
                "must be between 1 and " + MAX_ROUNDS);
        v.check(
                maxTotalTokens >= 100 && maxTotalTokens <= 10_000_000,
                "conversation.max_total_tokens",
                "tokens.out_of_range",
                "must be between 100 and 10000000");
        v.throwIfAny();
    }
}
