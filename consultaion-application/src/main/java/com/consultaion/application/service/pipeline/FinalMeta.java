package com.consultaion.application.service.pipeline;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code final_meta} every ending carries: ranking, usage, warnings, substitutions, self-judged verdicts. */
final class FinalMeta {

    private FinalMeta() {}

    /** {@code conclusion}: the concluding contribution (its usage counts), or null when there is none. */
    static Map<String, Object> of(DebateState state, List<String> warnings, @Nullable Contribution conclusion) {
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
        var usage = conclusion == null ? state.spent() : state.spent().plus(conclusion.usage());
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

    /** Who wrote the conclusion: {@code {model, provider}}. */
    static Map<String, Object> author(Contribution conclusion) {
        return Map.of("model", conclusion.model(), "provider", conclusion.provider());
    }

    /**
     * The verdicts a judge gave a candidate on its own model, {@code [{judge, candidate, model}]}: when every judge
     * shares that model, or when the judges on other models all failed on it (see JudgeStage). Never silent.
     */
    private static List<Map<String, Object>> selfJudged(DebateState state) {
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
    private static List<Map<String, Object>> fallbacks(List<EventPayload.Fallback> fallbacks) {
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
}
