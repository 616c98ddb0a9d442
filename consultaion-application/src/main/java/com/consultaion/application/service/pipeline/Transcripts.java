package com.consultaion.application.service.pipeline;

import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Conversation;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.judging.RankingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the stages read from the debate so far, written once: the best answer, a parliament's panel and its
 * statements, a conversation's transcript. Stages share these instead of calling each other.
 */
final class Transcripts {

    /** The round numbers of the stages that do not derive theirs from the config. */
    static final int DRAFT_ROUND = 1;

    static final int CHAIR_ROUND = 5;

    /** Who writes a conversation's round summaries. */
    static final String SCRIBE = "Scribe";

    private Transcripts() {}

    /** The best candidate so far (the ranking's first, else the first agent's answer), if any. */
    static Optional<String> bestAnswer(DebateState state) {
        Map<String, String> answers = state.candidates();
        return state.ranking().map(RankingResult::order).orElse(List.copyOf(answers.keySet())).stream()
                .filter(answers::containsKey)
                .findFirst()
                .map(answers::get);
    }

    static Panel panel(DebateState state) {
        return Objects.requireNonNull(state.debate().config().panel(), "a parliament has a panel");
    }

    /** Every seat statement so far, in order, as later speakers see it. */
    static List<Prompts.Statement> seatStatements(DebateState state) {
        Panel panel = panel(state);
        List<Prompts.Statement> said = new ArrayList<>();
        for (Contribution c : state.contributions()) {
            Panel.Seat seat = panel.seatNamed(c.agent());
            if (c.ok() && seat != null && DebateState.isAnswer(c)) {
                said.add(new Prompts.Statement(
                        seat.name(),
                        seat.role().title() + ", " + c.phase().wireName(),
                        Objects.requireNonNull(c.content())));
            }
        }
        return said;
    }

    /** Everything said in a conversation so far, in order: the delegates' turns and the scribe's summaries. */
    static List<Prompts.Statement> conversation(DebateState state) {
        List<Prompts.Statement> said = new ArrayList<>();
        for (Contribution c : state.contributions()) {
            if (!c.ok()) {
                continue;
            }
            String content = Objects.requireNonNull(c.content());
            if (c.phase() == Phase.DISCUSSION) {
                said.add(new Prompts.Statement(c.agent(), "round " + c.round(), content));
            } else if (c.phase() == Phase.SUMMARY) {
                said.add(new Prompts.Statement(SCRIBE, "summary of round " + c.round(), content));
            }
        }
        return said;
    }

    /** Whether the conversation has spent its ceiling, so no further round starts. */
    static boolean ceilingReached(DebateState state) {
        Conversation settings = state.debate().config().conversation();
        return state.spent().totalTokens() >= settings.maxTotalTokens();
    }

    /** How many conversation rounds actually ran. */
    static int roundsRun(DebateState state) {
        return (int) state.contributions().stream()
                .filter(c -> c.phase() == Phase.DISCUSSION)
                .mapToInt(Contribution::round)
                .distinct()
                .count();
    }
}
