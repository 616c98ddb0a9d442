package com.consultaion.domain.rating;

import java.util.Objects;

/**
 * One pairwise outcome between two personas: {@code scoreA} is 1 when {@code a} won, 0 when {@code b} won and 0.5
 * for a tie (a tie counts as half a win for each side, in Elo, in win rates and in Bradley–Terry).
 */
public record Match(String a, String b, double scoreA) {

    public Match {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.equals(b)) {
            throw new IllegalArgumentException("a persona cannot play itself: " + a);
        }
        if (scoreA != 0.0 && scoreA != 0.5 && scoreA != 1.0) {
            throw new IllegalArgumentException("scoreA must be 0, 0.5 or 1, was " + scoreA);
        }
    }

    public static Match win(String winner, String loser) {
        return new Match(winner, loser, 1.0);
    }

    public static Match tie(String a, String b) {
        return new Match(a, b, 0.5);
    }

    public double scoreB() {
        return 1.0 - scoreA;
    }
}
