package com.consultaion.domain.judging;

import com.consultaion.domain.Nullable;

/**
 * One candidate's place in the vote: its rank (1 = best), its aggregated judge score (null when no judge could
 * score it), its Borda points, its Condorcet pairwise wins and how many valid verdicts it had.
 */
public record RankedCandidate(
        String candidate, int rank, @Nullable Double score, double borda, double condorcet, int verdicts) {}
