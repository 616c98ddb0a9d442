package com.consultaion.application.port.out;

import java.util.List;

/** Port out: which models can be used now, and which one serves when a request names none. */
public interface ModelCatalog {

    /** Accepts every model id: for embedders whose {@link ChatModel} decides by itself. */
    ModelCatalog ANY = new ModelCatalog() {
        @Override
        public boolean isAvailable(String model) {
            return true;
        }

        @Override
        public String defaultModel() {
            return "local";
        }

        @Override
        public List<String> available() {
            return List.of();
        }
    };

    boolean isAvailable(String model);

    String defaultModel();

    /**
     * The catalogue id that {@code model} names: itself, or the model an alias stands for (the original service's
     * ids, such as {@code gpt4o-mini}). Identity by default.
     */
    default String canonical(String model) {
        return model;
    }

    /** Every usable model id, for listings and readiness. */
    List<String> available();

    /**
     * Models that may stand in for {@code model} when it fails: usable, of the same tier, never the local model,
     * in order of preference. None by default.
     */
    default List<String> alternatives(String model) {
        return List.of();
    }

    /**
     * The state of {@code model}'s circuit breaker: {@code closed}, {@code half_open} (its next call is a trial) or
     * {@code open} (not usable until its open period ends). The one state that listings, readiness, routing and
     * the start check read.
     */
    default String circuit(String model) {
        return isAvailable(model) ? "closed" : "open";
    }

    /** What the catalogue says about each usable model, for GET /models. */
    default List<Description> describe() {
        return available().stream()
                .map(id -> new Description(
                        id,
                        id,
                        "unknown",
                        "standard",
                        0,
                        0,
                        "normal",
                        "baseline",
                        "normal",
                        true,
                        id.equals(defaultModel())))
                .toList();
    }

    /** One catalogue entry. Costs are USD per 1,000 tokens. */
    record Description(
            String id,
            String displayName,
            String provider,
            String tier,
            double costPer1kInput,
            double costPer1kOutput,
            String latencyClass,
            String qualityTier,
            String safetyProfile,
            boolean enabled,
            boolean recommended) {}
}
