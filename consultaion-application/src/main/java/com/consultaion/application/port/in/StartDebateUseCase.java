package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;

/** Use case: accept a debate, store it queued with its first event, and hand it to a worker. */
public interface StartDebateUseCase {

    Debate start(StartDebateCommand command);
}
