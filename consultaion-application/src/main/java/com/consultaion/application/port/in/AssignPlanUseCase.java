package com.consultaion.application.port.in;

import com.consultaion.domain.debate.UserId;

/** Port in: an admin moves a user to a plan; the change and its audit entry commit together. */
public interface AssignPlanUseCase {

    /**
     * Moves {@code user} to {@code plan}.
     *
     * @return false when there is no such user
     * @throws PermissionDenied unless the requester is an admin
     * @throws com.consultaion.domain.ValidationException for an unknown plan
     */
    boolean assignPlan(Requester requester, UserId user, String plan, ClientContext client);
}
