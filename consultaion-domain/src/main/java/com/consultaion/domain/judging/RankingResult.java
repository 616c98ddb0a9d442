package com.consultaion.domain.judging;

import java.util.List;
import java.util.Optional;

/** The outcome of a debate's vote: candidates best first, with the method that ordered them. */
public record RankingResult(String method, List<RankedCandidate> ranking) {

    public static final String METHOD = "borda+condorcet";

    public RankingResult {
        ranking = List.copyOf(ranking);
    }

    public List<String> order() {
        return ranking.stream().map(RankedCandidate::candidate).toList();
    }

    /** The best candidate that at least one judge scored. */
    public Optional<RankedCandidate> winner() {
        return ranking.stream().filter(r -> r.score() != null).findFirst();
    }
}
