package com.consultaion.domain.rating;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One persona's line on a leaderboard: its replayed Elo, its Bradley–Terry rating with the bootstrap 95%
 * interval, the rank that interval supports, its matches and its win rate with the Wilson 95% interval.
 */
public record RatingEntry(
        String persona,
        String category,
        double elo,
        double btRating,
        double ciLow,
        double ciHigh,
        int rank,
        int matches,
        double winRate,
        double winRateLow,
        double winRateHigh,
        Instant lastUpdated) {

    public RatingEntry {
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }

    /** {@code NEW} while the persona has played fewer matches than Elo treats as provisional. */
    public Optional<String> badge() {
        return matches < Elo.PROVISIONAL_MATCHES ? Optional.of("NEW") : Optional.empty();
    }
}
