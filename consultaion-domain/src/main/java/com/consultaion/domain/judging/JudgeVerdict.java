package com.consultaion.domain.judging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a judge's reply said about one candidate: per-criterion scores with a rationale, or, when the reply
 * could not be read as the required JSON, that fact with its reason. An unparseable verdict is excluded from
 * aggregation, never replaced by a made-up score.
 */
public sealed interface JudgeVerdict {

    /** Scores 0-10 for every criterion of the rubric, and the judge's rationale. */
    record Parsed(Map<String, Double> criteria, String rationale) implements JudgeVerdict {
        public Parsed {
            criteria = Collections.unmodifiableMap(new LinkedHashMap<>(criteria));
            Objects.requireNonNull(rationale, "rationale");
            if (criteria.isEmpty()) {
                throw new IllegalArgumentException("a parsed verdict scores at least one criterion");
            }
            criteria.values().forEach(s -> {
                if (!(s >= 0 && s <= 10)) {
                    throw new IllegalArgumentException("scores are between 0 and 10");
                }
            });
        }

        /** The judge's score for the candidate: the mean over criteria. */
        public double score() {
            return criteria.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
        }
    }

    /** The reply was not the strict JSON the judge was asked for. */
    record Unparseable(String reason) implements JudgeVerdict {
        public Unparseable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
