package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;

/** Use case: accept a debate, store it queued with its first event, and hand it to a worker. */
public interface StartDebateUseCase {

    /** Started by code rather than a client request: nothing to record about where it came from. */
    default Debate start(StartDebateCommand command) {
        return start(command, ClientContext.NONE);
    }

    /** Started on a client's request: the audit entry ({@code debate_created}) is written with the debate. */
    Debate start(StartDebateCommand command, ClientContext client);
}
