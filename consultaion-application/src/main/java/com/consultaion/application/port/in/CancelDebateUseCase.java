package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import java.util.Optional;

/**
 * Use case: cancel a queued debate at once, or ask the worker running it to stop at the next boundary (its
 * in-flight model calls are cancelled). Empty when there is no such debate for this requester.
 */
public interface CancelDebateUseCase {

    Optional<Debate> cancel(DebateId id, Requester requester);
}
