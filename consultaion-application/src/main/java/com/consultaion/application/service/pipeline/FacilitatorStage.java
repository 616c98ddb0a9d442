package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Phase;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation's synthesis: the facilitator (the synthesiser models in turn) reads the whole conversation.
 * If every model fails, the last summary (or the last turn) becomes the answer, with warnings.
 */
final class FacilitatorStage extends ConcludingStage {

    FacilitatorStage(int index, ModelCalls calls, Clock clock) {
        super(index, calls, clock, Phase.FACILITATION, "Facilitator", "facilitator", "synthesis_failed");
    }

    @Override
    int round(DebateState state) {
        return state.debate().config().conversation().rounds() + 1;
    }

    @Override
    ChatRequest request(DebateState state, String model) {
        return Prompts.facilitator(model, state.debate().prompt().text(), Transcripts.conversation(state));
    }

    @Override
    List<String> warnings(DebateState state) {
        return List.of();
    }

    @Override
    @Nullable
    String fallbackAnswer(DebateState state) {
        List<Prompts.Statement> said = Transcripts.conversation(state);
        return said.isEmpty() ? null : said.get(said.size() - 1).content();
    }

    @Override
    String whoFailed() {
        return "every facilitator model failed";
    }

    @Override
    String instead() {
        return "The last summary is the final answer.";
    }

    @Override
    Map<String, Object> meta(DebateState state, List<String> warnings, @Nullable Contribution conclusion) {
        int configured = state.debate().config().conversation().rounds();
        int run = Transcripts.roundsRun(state);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("mode", "conversation");
        meta.put("rounds", run);
        meta.put("transcript_count", Transcripts.conversation(state).size());
        meta.put("truncated", run < configured);
        meta.put("truncate_reason", run < configured ? "token_ceiling" : null);
        meta.putAll(FinalMeta.of(state, warnings, conclusion));
        if (conclusion != null) {
            meta.put("facilitator", FinalMeta.author(conclusion));
        }
        return meta;
    }
}
