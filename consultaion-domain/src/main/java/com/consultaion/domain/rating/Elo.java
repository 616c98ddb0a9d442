package com.consultaion.domain.rating;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elo, replayed over matches in the order they were recorded: every persona starts at 1500, the expected score
 * is {@code 1/(1+10^((Rb-Ra)/400))}, and each side's K is 32 while it has played fewer than 15 matches, then 24.
 * Within one match both updates use the ratings from before it.
 */
public final class Elo {

    public static final double START = 1500.0;
    public static final int PROVISIONAL_MATCHES = 15;
    public static final double K_PROVISIONAL = 32.0;
    public static final double K_ESTABLISHED = 24.0;

    private Elo() {}

    /** One persona's standing after a replay. */
    public record Standing(double rating, int matches, double points) {}

    public static double expected(double ratingA, double ratingB) {
        return 1.0 / (1.0 + Math.pow(10.0, (ratingB - ratingA) / 400.0));
    }

    static double k(int matchesBefore) {
        return matchesBefore < PROVISIONAL_MATCHES ? K_PROVISIONAL : K_ESTABLISHED;
    }

    /** Every persona that played, in order of first appearance. */
    public static Map<String, Standing> replay(List<Match> matches) {
        Map<String, Standing> table = new LinkedHashMap<>();
        for (Match m : matches) {
            Standing a = table.getOrDefault(m.a(), new Standing(START, 0, 0));
            Standing b = table.getOrDefault(m.b(), new Standing(START, 0, 0));
            double ea = expected(a.rating(), b.rating());
            table.put(
                    m.a(),
                    new Standing(
                            a.rating() + k(a.matches()) * (m.scoreA() - ea), a.matches() + 1, a.points() + m.scoreA()));
            table.put(
                    m.b(),
                    new Standing(
                            b.rating() + k(b.matches()) * (m.scoreB() - (1 - ea)),
                            b.matches() + 1,
                            b.points() + m.scoreB()));
        }
        return table;
    }
}
