package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.Anonymiser;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The synthesis: the first configured synthesiser writes the final answer from the top candidates; if it fails
 * the next one tries (a {@code fallback} event says so). If all fail, the best candidate becomes the answer and
 * the debate completes with warnings.
 */
final class SynthesisStage implements Stage {

    static final String AGENT = "Synthesizer";
    private static final int TOP = 3;

    private final int index;
    private final ModelCalls calls;
    private final Clock clock;

    SynthesisStage(int index, ModelCalls calls, Clock clock) {
        this.index = index;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "synthesis";
    }

    private int round(DebateState state) {
        return DraftStage.ROUND + state.debate().config().critiqueRounds() + 2;
    }

    @Override
    public BudgetPolicy.Estimate estimate(DebateState state) {
        // Budget for the first synthesiser; fallbacks only run when it produced nothing.
        return Calls.estimate(
                calls,
                List.of(request(state, state.debate().config().synthesizers().get(0))));
    }

    private ChatRequest request(DebateState state, String model) {
        return Prompts.synthesis(model, state.debate().prompt().text(), top(state));
    }

    private List<Prompts.SynthesisInput> top(DebateState state) {
        Map<String, String> answers = state.candidates();
        List<String> order = state.ranking().map(RankingResult::order).orElse(List.copyOf(answers.keySet()));
        Map<String, Double> scores = new LinkedHashMap<>();
        state.ranking().ifPresent(r -> r.ranking().forEach(c -> scores.put(c.candidate(), c.score())));
        List<Prompts.SynthesisInput> top = new ArrayList<>();
        for (String candidate : order) {
            if (top.size() == TOP || !answers.containsKey(candidate)) {
                continue;
            }
            List<String> rationales = state.verdicts().stream()
                    .filter(v -> v.candidate().equals(candidate))
                    .map(Verdict::verdict)
                    .filter(v ->
                            v instanceof JudgeVerdict.Parsed p && !p.rationale().isBlank())
                    .map(v -> ((JudgeVerdict.Parsed) v).rationale())
                    .toList();
            top.add(new Prompts.SynthesisInput(
                    Anonymiser.label(top.size()), answers.get(candidate), scores.get(candidate), rationales));
        }
        return top;
    }

    @Override
    public StageResult run(DebateState state, RunControl control) {
        DebateConfig config = state.debate().config();
        int round = round(state);
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(round, "synthesis"));
        Fallbacks.Outcome synthesis = Fallbacks.first(
                calls, config.synthesizers(), m -> request(state, m), config.callTimeout(), control, events);
        if (synthesis.cancelled()) {
            return StageResult.ending(List.of(), new StageResult.Outcome.Cancel());
        }
        DebateState seen = state.noting(events); // this stage's fallbacks belong in its final_meta too
        CallOutcome.Answered answered = synthesis.answer();
        if (answered != null) {
            Contribution row = Calls.contribution(index, round, "synthesis", AGENT, answered, clock.instant());
            events.add(Calls.event(round, "synthesis", "synthesizer", AGENT, answered));
            List<String> warnings = warnings(state);
            Map<String, Object> meta = meta(
                    seen,
                    warnings,
                    answered.response().model(),
                    answered.response().provider(),
                    row);
            events.add(new EventPayload.Final(answered.response().content(), meta));
            StageResult.Outcome end = warnings.isEmpty()
                    ? new StageResult.Outcome.Complete(answered.response().content())
                    : new StageResult.Outcome.CompleteWithWarnings(
                            answered.response().content(), warnings.get(0), "see the debate's notices");
            return new StageResult(List.of(row), List.of(), Optional.empty(), events, end);
        }
        List<String> failures = synthesis.failures();
        Optional<String> best = bestAnswer(state);
        String detail = "every synthesiser failed: " + String.join("; ", failures);
        events.add(new EventPayload.Notice("warn", detail + ". The best-ranked answer is the final answer."));
        List<String> warnings = new ArrayList<>(warnings(state));
        warnings.add(0, "synthesis_failed");
        events.add(new EventPayload.Final(best.orElse(null), meta(seen, warnings, null, null, null)));
        return StageResult.ending(
                events, new StageResult.Outcome.CompleteWithWarnings(best.orElse(null), "synthesis_failed", detail));
    }

    static Optional<String> bestAnswer(DebateState state) {
        Map<String, String> answers = state.candidates();
        return state.ranking().map(RankingResult::order).orElse(List.copyOf(answers.keySet())).stream()
                .filter(answers::containsKey)
                .findFirst()
                .map(answers::get);
    }

    private static List<String> warnings(DebateState state) {
        boolean anyVerdict = state.verdicts().stream().anyMatch(Verdict::parsed);
        return anyVerdict ? List.of() : List.of("judging_failed");
    }

    /**
     * The verdicts a judge gave a candidate on its own model, {@code [{judge, candidate, model}]}: when every judge
     * shares that model, or when the judges on other models all failed on it (see JudgeStage). Never silent.
     */
    static List<Map<String, Object>> selfJudged(DebateState state) {
        Map<String, String> agentModel = new LinkedHashMap<>();
        state.debate().config().agents().forEach(a -> agentModel.put(a.name(), a.model()));
        Map<String, String> judgeModel = new LinkedHashMap<>();
        state.debate().config().judges().forEach(j -> judgeModel.put(j.name(), j.model()));
        return state.verdicts().stream()
                .filter(Verdict::parsed)
                .filter(v -> Objects.equals(judgeModel.get(v.judge()), agentModel.get(v.candidate())))
                .<Map<String, Object>>map(v -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("judge", v.judge());
                    entry.put("candidate", v.candidate());
                    entry.put("model", agentModel.get(v.candidate()));
                    return entry;
                })
                .toList();
    }

    /** Every substitution of the debate, in order: {@code [{from, to, reason}]}. */
    static List<Map<String, Object>> fallbacks(List<EventPayload.Fallback> fallbacks) {
        return fallbacks.stream()
                .<Map<String, Object>>map(f -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("from", f.from());
                    entry.put("to", f.to());
                    entry.put("reason", f.reason());
                    return entry;
                })
                .toList();
    }

    static Map<String, Object> meta(
            DebateState state,
            List<String> warnings,
            @Nullable String model,
            @Nullable String provider,
            @Nullable Contribution synthesis) {
        Map<String, Object> meta = new LinkedHashMap<>();
        state.ranking().ifPresent(r -> {
            meta.put("ranking", r.order());
            Map<String, Object> scores = new LinkedHashMap<>();
            for (RankedCandidate c : r.ranking()) {
                if (c.score() != null) {
                    scores.put(c.candidate(), c.score());
                }
            }
            meta.put("scores", scores);
            meta.put("method", r.method());
        });
        if (model != null) {
            meta.put("synthesizer", Map.of("model", model, "provider", provider));
        }
        var usage = synthesis == null ? state.spent() : state.spent().plus(synthesis.usage());
        meta.put(
                "usage",
                Map.of(
                        "input_tokens", usage.inputTokens(),
                        "output_tokens", usage.outputTokens(),
                        "cost_usd", usage.costUsd(),
                        "estimated", usage.estimated()));
        meta.put("warnings", List.copyOf(warnings));
        meta.put("fallbacks", fallbacks(state.fallbacks()));
        meta.put("self_judged", selfJudged(state));
        return meta;
    }
}
