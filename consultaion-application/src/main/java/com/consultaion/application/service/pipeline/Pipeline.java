package com.consultaion.application.service.pipeline;

import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stages of a debate, in order, by mode. {@code debate}: draft, {@code R} critique rounds, judge, synthesis.
 * {@code parliament}: explore, rebuttal, converge (every seat in parallel in each), judge (when the panel is
 * judged), the chair's verdict. {@code conversation}: up to four rounds (delegates, then the scribe's summary),
 * the facilitator's synthesis. A stage's index is its checkpoint number: after committing stage {@code i}, the
 * debate's {@code nextStage} is {@code i + 1}.
 */
public final class Pipeline {

    private final ModelCalls calls;
    private final Clock clock;

    public Pipeline(ModelCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    public List<Stage> stages(DebateMode mode, DebateConfig config) {
        List<Stage> stages = new ArrayList<>();
        switch (mode) {
            case DEBATE -> {
                stages.add(new DraftStage(0, calls, clock));
                for (int r = 1; r <= config.critiqueRounds(); r++) {
                    stages.add(new CritiqueStage(r, r, calls, clock));
                }
                stages.add(new JudgeStage(calls, clock, Transcripts.DRAFT_ROUND + config.critiqueRounds() + 1));
                stages.add(new SynthesisStage(stages.size(), calls, clock));
            }
            case PARLIAMENT -> {
                if (config.panel() == null) {
                    throw new IllegalArgumentException("a parliament needs a panel");
                }
                for (ParliamentPhase phase : ParliamentPhase.values()) {
                    stages.add(new SeatPhaseStage(stages.size(), phase, calls, clock));
                }
                if (config.panel().judged()) {
                    stages.add(new JudgeStage(calls, clock, ParliamentPhase.values().length + 1));
                }
                stages.add(new ChairStage(stages.size(), calls, clock));
            }
            case CONVERSATION -> {
                for (int r = 1; r <= config.conversation().rounds(); r++) {
                    stages.add(new ConversationRoundStage(stages.size(), r, calls, clock));
                }
                stages.add(new FacilitatorStage(stages.size(), calls, clock));
            }
        }
        return List.copyOf(stages);
    }

    /** A stopped debate's final answer: the best candidate so far, if any (used when the budget runs out). */
    public static Optional<String> bestAnswer(DebateState state) {
        return Transcripts.bestAnswer(state);
    }

    public static Map<String, Object> meta(DebateState state, List<String> warnings) {
        return FinalMeta.of(state, warnings, null);
    }
}
