package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import java.util.Locale;

/** How judges' scores of one candidate are combined. */
public enum Aggregation {
    MEAN,
    MEDIAN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Aggregation parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return MEAN;
        }
        return switch (value.strip()) {
            case "mean" -> MEAN;
            case "median" -> MEDIAN;
            default -> throw ValidationException.of("aggregation", "aggregation.invalid", "must be mean or median");
        };
    }
}
