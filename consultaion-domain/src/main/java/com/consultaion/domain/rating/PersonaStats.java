package com.consultaion.domain.rating;

/**
 * A persona over every rated debate: how many it took part in, how many it won (the best score of its debate),
 * its average score when it won (null when it never did) and its average score overall.
 */
public record PersonaStats(String persona, int debates, int wins, Double avgChampionScore, double avgScore) {

    public double winRate() {
        return debates == 0 ? 0.0 : (double) wins / debates;
    }
}
