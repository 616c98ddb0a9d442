package com.consultaion.domain.routing;

import com.consultaion.domain.Nullable;
import java.util.List;

/**
 * How a debate's model was chosen: the policy, the model it runs on, the model the request named (which then
 * overrides the policy), and every candidate's scores.
 */
public record Routing(
        String policy, String routedModel, @Nullable String requestedModel, List<Router.Candidate> candidates) {

    public Routing {
        candidates = List.copyOf(candidates);
    }

    public static Routing of(Router.Decision decision, @Nullable String requestedModel) {
        return new Routing(
                decision.policy(),
                requestedModel != null ? requestedModel : decision.routedModel(),
                requestedModel,
                decision.candidates());
    }
}
