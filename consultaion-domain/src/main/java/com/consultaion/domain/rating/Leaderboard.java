package com.consultaion.domain.rating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds one category's leaderboard from its matches in recorded order: a pure function, so a recompute from the
 * stored matches always gives the same numbers as the board kept up to date after each debate.
 *
 * <p>The displayed rank is 1 + the number of personas whose interval lies wholly above this one's (its lower
 * bound exceeds this upper bound): personas the data cannot tell apart share a rank. Entries are ordered by rank,
 * then Bradley–Terry rating, then name.
 */
public final class Leaderboard {

    private Leaderboard() {}

    /** How the Bradley–Terry intervals are computed: the bootstrap rounds, their seed and the prior. */
    public record Settings(int bootstrapRounds, long seed, double prior) {
        public static final Settings DEFAULT = new Settings(1000, 20_261_125L, BradleyTerry.DEFAULT_PRIOR);

        public Settings {
            if (bootstrapRounds < 2 || bootstrapRounds > 100_000) {
                throw new IllegalArgumentException("bootstrap rounds must be between 2 and 100000");
            }
            if (prior < 0) {
                throw new IllegalArgumentException("the prior must not be negative");
            }
        }
    }

    public static List<RatingEntry> compute(String category, List<RecordedMatch> recorded, Settings settings) {
        if (recorded.isEmpty()) {
            return List.of();
        }
        List<Match> matches = recorded.stream().map(RecordedMatch::match).toList();
        Map<String, Instant> last = new HashMap<>();
        for (RecordedMatch r : recorded) {
            last.merge(r.match().a(), r.at(), (x, y) -> x.isAfter(y) ? x : y);
            last.merge(r.match().b(), r.at(), (x, y) -> x.isAfter(y) ? x : y);
        }
        Map<String, Elo.Standing> elo = Elo.replay(matches);
        Map<String, BradleyTerry.Estimate> bt =
                BradleyTerry.withIntervals(matches, settings.prior(), settings.bootstrapRounds(), settings.seed());
        List<RatingEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Elo.Standing> e : elo.entrySet()) {
            String persona = e.getKey();
            Elo.Standing s = e.getValue();
            BradleyTerry.Estimate estimate = Objects.requireNonNull(bt.get(persona), persona);
            int rank = 1
                    + (int) bt.values().stream()
                            .filter(other -> other.low() > estimate.high())
                            .count();
            Wilson.Interval wilson = Wilson.interval(s.points(), s.matches());
            entries.add(new RatingEntry(
                    persona,
                    category,
                    s.rating(),
                    estimate.rating(),
                    estimate.low(),
                    estimate.high(),
                    rank,
                    s.matches(),
                    s.points() / s.matches(),
                    wilson.low(),
                    wilson.high(),
                    Objects.requireNonNull(last.get(persona), persona)));
        }
        entries.sort(Comparator.comparingInt(RatingEntry::rank)
                .thenComparing(Comparator.comparingDouble(RatingEntry::btRating).reversed())
                .thenComparing(RatingEntry::persona));
        return List.copyOf(entries);
    }
}
