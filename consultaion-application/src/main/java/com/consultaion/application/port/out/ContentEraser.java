package com.consultaion.application.port.out;

import com.consultaion.domain.debate.UserId;
import java.time.Instant;

/**
 * Port out: erases what users wrote and what models answered them (prompts, contributions, judge texts, the
 * text in events) while keeping the structure (statuses, scores, usage) for statistics. Idempotent: an erased
 * debate is skipped; safe to run on several nodes at once.
 */
public interface ContentEraser {

    String MARKER = "[deleted]";

    /** Every debate the user owns; returns how many were erased now. */
    int eraseOwnedBy(UserId owner, Instant now);

    /** Up to {@code batch} finished debates created before {@code cutoff}; returns how many were erased now. */
    int eraseFinishedBefore(Instant cutoff, int batch, Instant now);

    /** How many finished debates created before {@code cutoff} still hold their content (what a purge would erase). */
    long countFinishedBefore(Instant cutoff);
}
