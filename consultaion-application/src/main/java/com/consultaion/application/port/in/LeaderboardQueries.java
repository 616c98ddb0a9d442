package com.consultaion.application.port.in;

import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.rating.PersonaStats;
import com.consultaion.domain.rating.RatingEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port in: the leaderboard and the per-persona statistics, validated, with what each requester may see. */
public interface LeaderboardQueries {

    int MAX_LIMIT = 200;
    int DEFAULT_LIMIT = 50;
    int MAX_MIN_MATCHES = 1000;

    /** A category's board: {@code category} null or blank means the overall board. */
    List<RatingEntry> board(String category, int minMatches, int limit);

    Optional<RatingEntry> entry(String category, String persona);

    List<PersonaStats> personaStats(int limit);

    /** One persona's statistics with its recent debates; empty when it has none. */
    Optional<PersonaDetail> persona(String persona, int limit, Requester requester);

    List<FameEntry> hallOfFame(
            String sort, int limit, String championContains, Instant from, Instant to, Requester requester);

    record PersonaDetail(PersonaStats stats, List<DebateLine> recentDebates, List<DebateLine> championSamples) {}

    /**
     * A rated debate as a requester sees it: the prompt and the excerpt only when it may read the debate (the
     * scores of anyone's debates are public, their words are not).
     */
    record DebateLine(
            DebateId id,
            Optional<String> prompt,
            Optional<String> excerpt,
            double score,
            boolean champion,
            Instant at) {}

    record FameEntry(
            DebateId id,
            Optional<String> prompt,
            String champion,
            double championScore,
            double runnerUpScore,
            double margin,
            Instant at,
            Optional<String> championExcerpt) {}

    /** What an admin recompute did. */
    record Recomputed(int categories, int entries, long through, long millis) {}
}
