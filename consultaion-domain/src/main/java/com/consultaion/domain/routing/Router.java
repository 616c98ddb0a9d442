package com.consultaion.domain.routing;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the model a debate runs on when the request names none. Each candidate gets four scores in [0, 1] —
 * cost (cheapest 1), latency class, quality tier, safety profile — and a weighted total: {@code router-smart}
 * balances them, {@code router-deep} puts quality first. A model whose circuit is open keeps a fifth of its
 * total. The highest total wins; ties go to the catalogue's order. Pure.
 */
public final class Router {

    private Router() {}

    /** The routing policies, with their weights (cost, latency, quality, safety). */
    public enum Policy {
        SMART("router-smart", 0.30, 0.25, 0.30, 0.15),
        DEEP("router-deep", 0.10, 0.10, 0.60, 0.20);

        private final String wireName;
        private final double cost;
        private final double latency;
        private final double quality;
        private final double safety;

        Policy(String wireName, double cost, double latency, double quality, double safety) {
            this.wireName = wireName;
            this.cost = cost;
            this.latency = latency;
            this.quality = quality;
            this.safety = safety;
        }

        public String wireName() {
            return wireName;
        }

        public static Policy parse(@Nullable String value) {
            if (value == null || value.isBlank()) {
                return SMART;
            }
            for (Policy p : values()) {
                if (p.wireName.equals(value.strip())) {
                    return p;
                }
            }
            throw ValidationException.of(
                    "routing_policy", "routing_policy.invalid", "must be router-smart or router-deep");
        }
    }

    /** A model the router may choose, as the catalogue describes it. */
    public record Option(
            String model,
            double costPer1kInput,
            double costPer1kOutput,
            String latencyClass,
            String qualityTier,
            String safetyProfile,
            boolean healthy) {}

    /** One candidate's scores, rounded to 4 decimals. */
    public record Candidate(
            String model,
            double totalScore,
            double costScore,
            double latencyScore,
            double qualityScore,
            double safetyScore,
            boolean healthy) {}

    /** The choice and every candidate's scores, best first. */
    public record Decision(String policy, String routedModel, List<Candidate> candidates) {}

    static final Map<String, Double> LATENCY = Map.of("fast", 1.0, "normal", 0.6, "slow", 0.3);
    static final Map<String, Double> QUALITY = Map.of("high", 1.0, "good", 0.75, "fair", 0.5, "baseline", 0.3);
    static final Map<String, Double> SAFETY = Map.of("strict", 1.0, "normal", 0.7, "permissive", 0.4);
    static final double UNHEALTHY = 0.2;

    public static Decision route(Policy policy, List<Option> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("nothing to route to");
        }
        double maxCost = options.stream()
                .mapToDouble(o -> o.costPer1kInput() + o.costPer1kOutput())
                .max()
                .orElse(0);
        List<Candidate> scored = new ArrayList<>();
        for (Option o : options) {
            double cost = maxCost <= 0 ? 1 : 1 - (o.costPer1kInput() + o.costPer1kOutput()) / maxCost;
            double latency = LATENCY.getOrDefault(lower(o.latencyClass()), 0.5);
            double quality = QUALITY.getOrDefault(lower(o.qualityTier()), 0.5);
            double safety = SAFETY.getOrDefault(lower(o.safetyProfile()), 0.5);
            double total =
                    policy.cost * cost + policy.latency * latency + policy.quality * quality + policy.safety * safety;
            if (!o.healthy()) {
                total *= UNHEALTHY;
            }
            scored.add(new Candidate(
                    o.model(), round(total), round(cost), round(latency), round(quality), round(safety), o.healthy()));
        }
        List<Candidate> best = new ArrayList<>(scored);
        best.sort(Comparator.comparingDouble(Candidate::totalScore).reversed()); // stable: catalogue order on ties
        return new Decision(policy.wireName(), best.get(0).model(), List.copyOf(best));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
