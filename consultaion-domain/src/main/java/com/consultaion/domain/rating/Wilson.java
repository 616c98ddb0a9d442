package com.consultaion.domain.rating;

/** The Wilson score interval at 95% (z = 1.96) for a win rate, ties counted as half a win. */
public final class Wilson {

    public static final double Z = 1.96;

    private Wilson() {}

    public record Interval(double low, double high) {}

    public static Interval interval(double points, int n) {
        if (n <= 0) {
            return new Interval(0.0, 1.0);
        }
        double p = points / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }
}
