package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.rating.PersonaStats;
import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RatingEntry;
import com.consultaion.domain.rating.RecordedMatch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Port out: the leaderboard's facts and the boards computed from them. Rated debates and their matches are the
 * source of truth; boards are derived and can always be rebuilt from them. Every call joins an enclosing
 * {@link Transactions} unit.
 */
public interface RatingStore {

    /**
     * Records a debate's matches and scores, once: returns false (and records nothing) when this debate was
     * recorded before, or when its owner already has a rated debate with the same prompt fingerprint. Concurrent
     * calls for one debate record it exactly once.
     */
    boolean record(RatedDebate debate);

    /** The categories that have rated debates, besides the overall board. */
    List<String> categories();

    /**
     * The matches of a category in the order they were recorded; {@link RatedDebate#OVERALL} means every match.
     */
    List<RecordedMatch> matches(String category);

    /** The sequence number of the latest recorded debate, 0 when none: a board through it is up to date. */
    long lastRecorded();

    /**
     * Replaces a category's board, unless the stored one was computed through a later record (a slower node's
     * older computation must not overwrite a newer one). Returns whether it replaced.
     */
    boolean replaceBoard(String category, List<RatingEntry> entries, long through);

    /** The record sequence a category's board was computed through; 0 when it has none. */
    long boardThrough(String category);

    /** A category's board in rank order, entries with at least {@code minMatches}, at most {@code limit}. */
    List<RatingEntry> board(String category, int minMatches, int limit);

    Optional<RatingEntry> entry(String category, String persona);

    /**
     * Per persona over every rated debate: debates, wins (the best score of its debate), average scores. Most
     * wins first, at most {@code limit}.
     */
    List<PersonaStats> personaStats(int limit);

    Optional<PersonaStats> personaStats(String persona);

    /** A persona's rated debates, newest first. */
    List<PersonaDebate> debatesOf(String persona, int limit);

    /** Rated debates for the hall of fame, ordered and filtered as asked. */
    List<RatedDebateRow> hallOfFame(HallOfFameQuery query);

    /** A rated debate as the statistics show it; owner and team decide whether its prompt may be shown. */
    record RatedDebateRow(
            DebateId id,
            Optional<UserId> owner,
            Optional<UUID> team,
            String prompt,
            String finalContent,
            String champion,
            double championScore,
            double runnerUpScore,
            Instant at) {}

    record PersonaDebate(
            DebateId id,
            Optional<UserId> owner,
            Optional<UUID> team,
            String prompt,
            String finalContent,
            double score,
            boolean champion,
            Instant at) {}

    enum HallOfFameSort {
        /** Highest champion score first. */
        TOP,
        /** Newest first. */
        RECENT,
        /** Smallest margin between champion and runner-up first. */
        CLOSEST
    }

    record HallOfFameQuery(
            @Nullable HallOfFameSort sort,
            int limit,
            @Nullable String championContains,
            @Nullable Instant from,
            @Nullable Instant to) {}
}
