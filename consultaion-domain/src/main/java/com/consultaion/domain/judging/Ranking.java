package com.consultaion.domain.judging;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Aggregation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns judges' ballots into a ranking. Each judge's scores form a ballot (possibly partial: a judge skips
 * candidates on its own model). A candidate's Borda points are the mean over the ballots it appears in of its
 * position points, scaled to 0 … n−1; its Condorcet wins count the other candidates that more judges scored
 * below it (½ for a tie). Order: Borda + Condorcet, then Borda, then Condorcet, then the configured order.
 * Candidates no judge could score come last. The result does not depend on the order of the judges.
 */
public final class Ranking {

    private Ranking() {}

    /**
     * Ranks the candidates by the judges' aggregated scores, Borda points and Condorcet wins.
     *
     * @param candidates every candidate, in configured order (the final tie-break)
     * @param ballots judge → (candidate → that judge's score), parsed verdicts only
     */
    public static RankingResult rank(
            List<String> candidates, Map<String, Map<String, Double>> ballots, Aggregation aggregation) {
        int n = candidates.size();
        double[] bordaSum = new double[n];
        int[] appearances = new int[n];
        double[] condorcet = new double[n];
        List<List<Double>> scores = new ArrayList<>();
        candidates.forEach(c -> scores.add(new ArrayList<>()));

        for (Map<String, Double> ballot : ballots.values()) {
            int size = (int) candidates.stream().filter(ballot::containsKey).count();
            for (int i = 0; i < n; i++) {
                Double mine = ballot.get(candidates.get(i));
                if (mine == null) {
                    continue;
                }
                scores.get(i).add(mine);
                appearances[i]++;
                if (size > 1) {
                    double below = 0;
                    for (int j = 0; j < n; j++) {
                        Double other = ballot.get(candidates.get(j));
                        if (j == i || other == null) {
                            continue;
                        }
                        below += mine > other ? 1 : mine.equals(other) ? 0.5 : 0;
                    }
                    bordaSum[i] += below / (size - 1) * (n - 1);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int iOver = 0;
                int jOver = 0;
                for (Map<String, Double> ballot : ballots.values()) {
                    Double a = ballot.get(candidates.get(i));
                    Double b = ballot.get(candidates.get(j));
                    if (a == null || b == null) {
                        continue;
                    }
                    if (a > b) {
                        iOver++;
                    } else if (b > a) {
                        jOver++;
                    }
                }
                if (iOver > jOver) {
                    condorcet[i] += 1;
                } else if (jOver > iOver) {
                    condorcet[j] += 1;
                } else {
                    condorcet[i] += 0.5;
                    condorcet[j] += 0.5;
                }
            }
        }

        record Row(
                int index,
                double borda,
                double condorcet,
                @Nullable Double score,
                int verdicts) {}
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double borda = appearances[i] == 0 ? 0 : bordaSum[i] / appearances[i];
            rows.add(new Row(i, round(borda), condorcet[i], aggregate(scores.get(i), aggregation), appearances[i]));
        }
        rows.sort(Comparator.comparing((Row r) -> r.score() == null)
                .thenComparing(Comparator.comparingDouble((Row r) -> r.borda() + r.condorcet())
                        .reversed())
                .thenComparing(Comparator.comparingDouble(Row::borda).reversed())
                .thenComparing(Comparator.comparingDouble(Row::condorcet).reversed())
                .thenComparingInt(Row::index));
        List<RankedCandidate> ranked = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            ranked.add(new RankedCandidate(
                    candidates.get(r.index()), k + 1, r.score(), r.borda(), r.condorcet(), r.verdicts()));
        }
        return new RankingResult(RankingResult.METHOD, ranked);
    }

    /** Mean or median of the judges' scores, rounded to 4 decimals; null when there is none. */
    public static @Nullable Double aggregate(List<Double> scores, Aggregation aggregation) {
        if (scores.isEmpty()) {
            return null;
        }
        double value;
        if (aggregation == Aggregation.MEDIAN) {
            double[] sorted =
                    scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int mid = sorted.length / 2;
            value = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        } else {
            value = Arrays.stream(
                            scores.stream().mapToDouble(Double::doubleValue).toArray())
                    .average()
                    .orElseThrow();
        }
        return round(value);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
