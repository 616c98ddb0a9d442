package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import java.util.Optional;

/** Use case: re-queue a failed debate; it resumes at its first uncommitted stage. */
public interface RetryDebateUseCase {

    Optional<Debate> retry(DebateId id, Requester requester);
}
