package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.judging.Anonymiser;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthesis: the first configured synthesiser writes the final answer from the top candidates; if it fails
 * the next one tries (a {@code fallback} event says so). If all fail, the best candidate becomes the answer and
 * the debate completes with warnings.
 */
final class SynthesisStage extends ConcludingStage {

    private static final int TOP = 3;

    SynthesisStage(int index, ModelCalls calls, Clock clock) {
        super(index, calls, clock, Phase.SYNTHESIS, "Synthesizer", "synthesizer", "synthesis_failed");
    }

    @Override
    int round(DebateState state) {
        return Transcripts.DRAFT_ROUND + state.debate().config().critiqueRounds() + 2;
    }

    @Override
    ChatRequest request(DebateState state, String model) {
        return Prompts.synthesis(model, state.debate().prompt().text(), top(state));
    }

    private static List<Prompts.SynthesisInput> top(DebateState state) {
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
    List<String> warnings(DebateState state) {
        boolean anyVerdict = state.verdicts().stream().anyMatch(Verdict::parsed);
        return anyVerdict ? List.of() : List.of("judging_failed");
    }

    @Override
    String whoFailed() {
        return "every synthesiser failed";
    }

    @Override
    String instead() {
        return "The best-ranked answer is the final answer.";
    }

    @Override
    Map<String, Object> meta(DebateState state, List<String> warnings, @Nullable Contribution conclusion) {
        Map<String, Object> meta = FinalMeta.of(state, warnings, conclusion);
        if (conclusion != null) {
            meta.put("synthesizer", FinalMeta.author(conclusion));
        }
        return meta;
    }
}
