package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.routing.Routing;

/** Port in: which model a debate runs on (a named model overrides the policy; the scores are kept either way). */
public interface RouteModelQuery {

    /**
     * Scores the usable models of the tiers the requester's plan allows with {@code policy} ({@code router-smart}
     * when null) and picks the best, unless {@code requestedModel} names one.
     *
     * @throws com.consultaion.domain.ValidationException for an unknown policy
     */
    Routing route(Requester requester, @Nullable String requestedModel, @Nullable String policy);

    /**
     * Which model the router would pick now for an account on {@code plan} with {@code policy}, with every
     * candidate's scores (an operator's preview; changes nothing).
     *
     * @throws PermissionDenied unless the requester is an admin
     * @throws com.consultaion.domain.ValidationException for an unknown plan or policy
     */
    Routing preview(Requester requester, String plan, @Nullable String policy);
}
