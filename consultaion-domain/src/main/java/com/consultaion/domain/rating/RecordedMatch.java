package com.consultaion.domain.rating;

import java.time.Instant;
import java.util.Objects;

/** A match as stored: the outcome and when its debate was rated. Replays go in the order they were recorded. */
public record RecordedMatch(Match match, Instant at) {

    public RecordedMatch {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(at, "at");
    }
}
