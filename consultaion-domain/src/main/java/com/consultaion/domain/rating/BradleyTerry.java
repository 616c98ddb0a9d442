package com.consultaion.domain.rating;

import com.consultaion.domain.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Bradley–Terry ratings: P(i beats j) = p_i / (p_i + p_j), fitted by maximum likelihood with Newton's method on
 * θ = ln p (ties are half a win for each side), with bootstrap 95% confidence intervals. Each bootstrap fit starts
 * from the full-data fit, so it converges in a few steps; a step costs O(P³) for P personas.
 *
 * <p>With {@code prior > 0} every persona also plays {@code prior} virtual games, all ties, against a fixed
 * reference of strength 1. That keeps the estimate finite for a persona that has only won or only lost (the pure
 * maximum likelihood does not exist then) and pulls personas with few matches gently towards the middle; with
 * many real matches its weight vanishes. With {@code prior == 0} the fit is the plain maximum likelihood, which
 * exists only when every persona has both won and lost within a connected comparison graph.
 *
 * <p>Ratings are reported on the Elo scale: {@code 1500 + 400·log10(p_i)}, shifted so that their mean is 1500. A
 * difference of 400 points means 10:1 odds, as in Elo.
 */
public final class BradleyTerry {

    /** One virtual tied game per persona against the reference. */
    public static final double DEFAULT_PRIOR = 1.0;

    public static final double ANCHOR = 1500.0;
    private static final double SCALE = 400.0 / Math.log(10.0);
    /** Newton stops when no log-strength moves more than this (1e-10 · 174 ≈ 2e-8 rating points). */
    private static final double TOLERANCE = 1e-10;

    private static final int MAX_ITERATIONS = 200;
    /** A log-strength beyond this means the maximum is at infinity (no finite fit). */
    private static final double DIVERGED = 50;

    private BradleyTerry() {}

    /** A persona's fitted rating and the 2.5% and 97.5% bootstrap percentiles of it. */
    public record Estimate(double rating, double low, double high) {}

    /** The fitted ratings on the Elo scale, by persona in name order. */
    public static Map<String, Double> fit(List<Match> matches, double prior) {
        Data data = Data.of(matches);
        double[] theta = data.fit(data.wins(), data.games(), prior, null);
        Map<String, Double> out = new LinkedHashMap<>();
        double[] display = display(theta);
        for (int i = 0; i < data.personas.size(); i++) {
            out.put(data.personas.get(i), display[i]);
        }
        return out;
    }

    /**
     * The fit and, for each persona, the 2.5% and 97.5% percentiles of its rating over {@code rounds} bootstrap
     * resamples of the matches (drawn with replacement, as many as there are). The same matches, rounds and seed
     * always give the same numbers; rounds run in parallel.
     */
    public static Map<String, Estimate> withIntervals(List<Match> matches, double prior, int rounds, long seed) {
        if (rounds < 2) {
            throw new IllegalArgumentException("at least 2 bootstrap rounds, was " + rounds);
        }
        Data data = Data.of(matches);
        int p = data.personas.size();
        double[] theta = data.fit(data.wins(), data.games(), prior, null);
        double[] point = display(theta);
        double[][] samples = new double[p][rounds];
        IntStream.range(0, rounds).parallel().forEach(r -> {
            SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (r + 1L)));
            int[] drawn = data.resample(random);
            double[] fitted = display(data.fit(data.wins(drawn), data.games(drawn), prior, theta));
            for (int i = 0; i < p; i++) {
                samples[i][r] = fitted[i];
            }
        });
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            double[] s = samples[i];
            Arrays.sort(s);
            out.put(data.personas.get(i), new Estimate(point[i], quantile(s, 0.025), quantile(s, 0.975)));
        }
        return out;
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics (Hyndman–Fan type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] display(double[] theta) {
        double mean = Arrays.stream(theta).average().orElse(0);
        double[] out = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            out[i] = ANCHOR + SCALE * (theta[i] - mean);
        }
        return out;
    }

    /** The matches as indexes, and the distinct (a, b, score) cells they fall in, for fast resampling. */
    private static final class Data {
        final List<String> personas;
        final int[] cellA;
        final int[] cellB;
        final double[] cellScore;
        final int[] cellCount;
        final int[] cellOfMatch;

        private Data(List<String> personas, int[] a, int[] b, double[] s, int[] count, int[] cellOfMatch) {
            this.personas = personas;
            this.cellA = a;
            this.cellB = b;
            this.cellScore = s;
            this.cellCount = count;
            this.cellOfMatch = cellOfMatch;
        }

        /**
         * Personas in name order and cells in (a, b, score) order, with the matches expanded cell by cell: the
         * data, and so the fit and every bootstrap draw, do not depend on the order the matches came in.
         */
        private static int position(Map<String, Integer> index, String persona) {
            return Objects.requireNonNull(index.get(persona), persona);
        }

        static Data of(List<Match> matches) {
            TreeMap<String, Integer> index = new TreeMap<>();
            matches.forEach(m -> {
                index.put(m.a(), 0);
                index.put(m.b(), 0);
            });
            List<String> personas = new ArrayList<>(index.keySet());
            for (int i = 0; i < personas.size(); i++) {
                index.put(personas.get(i), i);
            }
            TreeMap<Long, Integer> cells = new TreeMap<>();
            for (Match m : matches) {
                long key = ((long) position(index, m.a()) << 34)
                        | ((long) position(index, m.b()) << 2)
                        | (long) (m.scoreA() * 2);
                cells.merge(key, 1, Integer::sum);
            }
            int c = cells.size();
            int[] ca = new int[c];
            int[] cb = new int[c];
            double[] cs = new double[c];
            int[] cn = new int[c];
            int[] cellOfMatch = new int[matches.size()];
            int cell = 0;
            int match = 0;
            for (Map.Entry<Long, Integer> e : cells.entrySet()) {
                long key = e.getKey();
                ca[cell] = (int) (key >>> 34);
                cb[cell] = (int) ((key >>> 2) & 0xFFFFFFFFL);
                cs[cell] = (key & 3) / 2.0;
                cn[cell] = e.getValue();
                for (int k = 0; k < cn[cell]; k++) {
                    cellOfMatch[match++] = cell;
                }
                cell++;
            }
            return new Data(List.copyOf(personas), ca, cb, cs, cn, cellOfMatch);
        }

        int[] resample(SplittableRandom random) {
            int[] drawn = new int[cellCount.length];
            int n = cellOfMatch.length;
            for (int k = 0; k < n; k++) {
                drawn[cellOfMatch[random.nextInt(n)]]++;
            }
            return drawn;
        }

        double[] wins() {
            return wins(cellCount);
        }

        double[][] games() {
            return games(cellCount);
        }

        /** Points each persona scored: wins plus half its ties. */
        double[] wins(int[] counts) {
            double[] w = new double[personas.size()];
            for (int c = 0; c < counts.length; c++) {
                w[cellA[c]] += counts[c] * cellScore[c];
                w[cellB[c]] += counts[c] * (1 - cellScore[c]);
            }
            return w;
        }

        /** Games played between each pair (symmetric). */
        double[][] games(int[] counts) {
            int p = personas.size();
            double[][] n = new double[p][p];
            for (int c = 0; c < counts.length; c++) {
                n[cellA[c]][cellB[c]] += counts[c];
                n[cellB[c]][cellA[c]] += counts[c];
            }
            return n;
        }

        /**
         * Natural-log strengths maximising the (penalised) log-likelihood, by Newton's method with step halving:
         * the objective is concave, so each accepted step improves it and the last steps converge quadratically.
         * Without a prior the last persona is held at 0 (the likelihood does not fix the scale).
         */
        double[] fit(double[] wins, double[][] games, double prior, @Nullable double[] start) {
            int p = personas.size();
            int free = prior > 0 ? p : p - 1;
            double[] theta = start == null ? new double[p] : start.clone();
            if (prior == 0 && start != null) {
                double last = theta[p - 1];
                for (int i = 0; i < p; i++) {
                    theta[i] -= last;
                }
            }
            double objective = objective(theta, wins, games, prior);
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                double[] gradient = new double[free];
                double[][] hessian = new double[free][free]; // the negative Hessian: positive definite
                for (int i = 0; i < p; i++) {
                    double g = wins[i];
                    double h = 0;
                    for (int j = 0; j < p; j++) {
                        double n = games[i][j];
                        if (n != 0) {
                            double q = sigmoid(theta[i] - theta[j]);
                            g -= n * q;
                            double w = n * q * (1 - q);
                            h += w;
                            if (i < free && j < free) {
                                hessian[i][j] -= w;
                            }
                        }
                    }
                    if (prior > 0) {
                        double q = sigmoid(theta[i]);
                        g += prior * (0.5 - q);
                        h += prior * q * (1 - q);
                    }
                    if (i < free) {
                        gradient[i] = g;
                        hessian[i][i] += h;
                    }
                }
                double[] step = solve(hessian, gradient);
                double size = 1.0;
                double[] next = new double[p];
                double nextObjective;
                while (true) {
                    for (int i = 0; i < p; i++) {
                        next[i] = theta[i] + (i < free ? size * step[i] : 0);
                    }
                    nextObjective = objective(next, wins, games, prior);
                    if (nextObjective >= objective - 1e-12 * Math.abs(objective) || size < 1e-6) {
                        break;
                    }
                    size /= 2;
                }
                double moved = 0;
                for (int i = 0; i < free; i++) {
                    moved = Math.max(moved, Math.abs(size * step[i]));
                }
                theta = next.clone();
                objective = nextObjective;
                if (Arrays.stream(theta).anyMatch(t -> Math.abs(t) > DIVERGED)) {
                    break;
                }
                if (moved < TOLERANCE) {
                    return theta;
                }
            }
            throw new IllegalArgumentException("no finite Bradley–Terry fit"
                    + (prior == 0 ? " without a prior: some persona only won or only lost against the rest" : ""));
        }

        private static double sigmoid(double x) {
            return 1.0 / (1.0 + Math.exp(-x));
        }

        /** log σ(x), computed without overflow for large |x|. */
        private static double logSigmoid(double x) {
            return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
        }

        /**
         * The log-likelihood, Σ W_i·θ_i − Σ_{i<j} n_ij·ln(e^θi + e^θj), plus the prior's virtual ties against the
         * reference at 0.
         */
        private static double objective(double[] theta, double[] wins, double[][] games, double prior) {
            int p = theta.length;
            double total = 0;
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    double n = games[i][j];
                    if (n != 0) {
                        total += n * (logSigmoid(theta[j] - theta[i]) - theta[j]); // = -n·ln(e^θi + e^θj)
                    }
                }
                total += wins[i] * theta[i];
                if (prior > 0) {
                    total += prior * (0.5 * logSigmoid(theta[i]) + 0.5 * logSigmoid(-theta[i]));
                }
            }
            return total;
        }

        /**
         * Solves A·x = b for a symmetric positive definite A by Cholesky decomposition; A is overwritten.
         */
        private static double[] solve(double[][] a, double[] b) {
            int n = b.length;
            for (int j = 0; j < n; j++) {
                double d = a[j][j];
                for (int k = 0; k < j; k++) {
                    d -= a[j][k] * a[j][k];
                }
                if (d <= 0) {
                    throw new IllegalArgumentException("no finite Bradley–Terry fit: the comparisons do not connect "
                            + "every persona (give a prior)");
                }
                a[j][j] = Math.sqrt(d);
                for (int i = j + 1; i < n; i++) {
                    double s = a[i][j];
                    for (int k = 0; k < j; k++) {
                        s -= a[i][k] * a[j][k];
                    }
                    a[i][j] = s / a[j][j];
                }
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int k = 0; k < i; k++) {
                    s -= a[i][k] * y[k];
                }
                y[i] = s / a[i][i];
            }
            double[] x = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int k = i + 1; k < n; k++) {
                    s -= a[k][i] * x[k];
                }
                x[i] = s / a[i][i];
            }
            return x;
        }
    }
}
