package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.event.EventPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One call tried on each model in turn until one answers: the synthesiser, the chair, the scribe, the
 * facilitator. The configured models come first, in their order; when all of them failed, the first one's
 * same-tier alternatives (never the local model). Each switch to the next model is reported as one
 * {@code fallback} event naming the failed and the next model.
 */
final class Fallbacks {

    /** The first answer (null when every model failed or the run was cancelled), and why the others failed. */
    record Outcome(@Nullable CallOutcome.Answered answer, List<String> failures, boolean cancelled) {}

    private Fallbacks() {}

    static Outcome first(
            ModelCalls calls,
            List<String> models,
            Function<String, ChatRequest> request,
            Duration timeout,
            RunControl control,
            List<EventPayload> events) {
        List<String> failures = new ArrayList<>();
        List<String> order = new ArrayList<>(models);
        if (!models.isEmpty()) {
            calls.alternatives(models.get(0)).stream()
                    .filter(m -> !order.contains(m))
                    .forEach(order::add);
        }
        for (int i = 0; i < order.size(); i++) {
            CallOutcome outcome = calls.callOnly(request.apply(order.get(i)), timeout, control);
            if (control.cancelled() || Calls.anyCancelled(List.of(outcome))) {
                return new Outcome(null, failures, true);
            }
            if (outcome instanceof CallOutcome.Answered answered) {
                return new Outcome(answered, failures, false);
            }
            CallOutcome.Failed failed = (CallOutcome.Failed) outcome;
            failures.add(failed.reason());
            if (i + 1 < order.size()) {
                events.add(new EventPayload.Fallback(order.get(i), order.get(i + 1), failed.reason()));
            }
        }
        return new Outcome(null, failures, false);
    }
}
