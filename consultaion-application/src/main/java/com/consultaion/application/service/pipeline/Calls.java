package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.event.EventPayload;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small helpers the stages share: estimates, and turning a call's outcome into a row and an event. */
final class Calls {

    private Calls() {}

    static BudgetPolicy.Estimate estimate(ModelCalls calls, List<ChatRequest> requests) {
        BudgetPolicy.Estimate total = new BudgetPolicy.Estimate(0, 0);
        for (ChatRequest r : requests) {
            long in = BudgetPolicy.tokensOf(
                    r.messages().stream().map(m -> m.content()).reduce("", String::concat));
            long out = r.maxOutputTokens();
            ChatModel.ModelInfo info = calls.describe(r.model());
            double cost = info.costUsd(in, out);
            total = total.plus(new BudgetPolicy.Estimate(in + out, cost));
        }
        return total;
    }

    static EventPayload.UsageFields usage(Usage u) {
        return new EventPayload.UsageFields(u.inputTokens(), u.outputTokens(), u.costUsd(), u.estimated());
    }

    static Contribution contribution(int stage, int round, Phase phase, String agent, CallOutcome outcome, Instant at) {
        return switch (outcome) {
            case CallOutcome.Answered a ->
                Contribution.answered(
                        stage,
                        round,
                        phase,
                        agent,
                        a.response().model(),
                        a.response().provider(),
                        a.response().content(),
                        a.response().usage(),
                        at);
            case CallOutcome.Failed f ->
                Contribution.failed(
                        stage, round, phase, agent, f.request().model(), f.provider(), f.reason(), Usage.NONE, at);
        };
    }

    static EventPayload event(int round, String phase, String role, String agent, CallOutcome outcome) {
        return switch (outcome) {
            case CallOutcome.Answered a ->
                new EventPayload.Message(
                        round,
                        phase,
                        role,
                        agent,
                        a.response().model(),
                        a.response().provider(),
                        a.response().content(),
                        usage(a.response().usage()));
            case CallOutcome.Failed f ->
                new EventPayload.AgentFailed(agent, f.request().model(), f.reason());
        };
    }

    /** The {@code fallback} event of an answer that another model gave in place of the one asked first. */
    static Optional<EventPayload> fallback(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Answered a && a.replaced() != null) {
            CallOutcome.Failed first = a.replaced();
            return Optional.of(new EventPayload.Fallback(
                    first.request().model(), a.request().model(), first.reason()));
        }
        return Optional.empty();
    }

    static boolean anyCancelled(List<CallOutcome> outcomes) {
        return outcomes.stream().anyMatch(o -> o instanceof CallOutcome.Failed f && f.cancelled());
    }

    /**
     * A parallel round's outcomes, one per agent in order, as rows and events ({@code fallback} first where a
     * stand-in answered); returns how many answered.
     */
    static int record(
            int stage,
            int round,
            Phase phase,
            String role,
            List<String> agents,
            List<CallOutcome> outcomes,
            Instant at,
            List<Contribution> rows,
            List<EventPayload> events) {
        int answered = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            CallOutcome outcome = outcomes.get(i);
            rows.add(contribution(stage, round, phase, agents.get(i), outcome, at));
            fallback(outcome).ifPresent(events::add);
            events.add(event(round, phase.wireName(), role, agents.get(i), outcome));
            if (outcome instanceof CallOutcome.Answered) {
                answered++;
            }
        }
        return answered;
    }
}
