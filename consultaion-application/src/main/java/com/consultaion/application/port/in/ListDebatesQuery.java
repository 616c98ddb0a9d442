package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;
import java.util.List;

/**
 * Query: the requester's debates, newest first (admins may ask for everyone's with {@code allUsers}). {@code
 * status} is a wire name or null; {@code text} a literal substring of the prompt or null.
 */
public interface ListDebatesQuery {

    int MAX_LIMIT = 200;
    int MAX_OFFSET = 100_000;

    Page list(Requester requester, String status, boolean allUsers, String text, int limit, int offset);

    /** A page of debates and the total number that match. */
    record Page(List<Debate> items, long total, int limit, int offset) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }
}
