package com.consultaion.domain.debate;

import com.consultaion.domain.DomainException;

/** A status change the debate's state machine does not allow (for example cancelling a completed debate). */
public final class IllegalTransitionException extends DomainException {

    private final DebateStatus from;
    private final String action;

    public IllegalTransitionException(DebateStatus from, String action) {
        super("debate.invalid_state", "cannot " + action + " a debate that is " + from.wireName());
        this.from = from;
        this.action = action;
    }

    public DebateStatus from() {
        return from;
    }

    public String action() {
        return action;
    }
}
