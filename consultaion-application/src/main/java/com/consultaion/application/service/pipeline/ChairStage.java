package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfigFields;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.Phase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parliament's verdict: the chair (the first seat's model, then the others' in turn) reads the session and
 * decides. If every chair model fails, the best statement becomes the answer (the judges' top seat when the
 * panel was judged) and the session completes with warnings ({@code chair_failed}).
 */
final class ChairStage extends ConcludingStage {

    private static final int EXCERPT = 400;

    ChairStage(int index, ModelCalls calls, Clock clock) {
        super(index, calls, clock, Phase.VERDICT, "Chair", "chair", "chair_failed");
    }

    @Override
    int round(DebateState state) {
        return Transcripts.CHAIR_ROUND;
    }

    @Override
    ChatRequest request(DebateState state, String model) {
        Panel panel = Transcripts.panel(state);
        return Prompts.chair(
                model,
                state.debate().prompt().text(),
                panel.seats().stream()
                        .map(s -> s.name() + " (" + s.role().title() + ")")
                        .toList(),
                Transcripts.seatStatements(state));
    }

    @Override
    List<String> warnings(DebateState state) {
        boolean judged = Transcripts.panel(state).judged();
        return judged && state.verdicts().stream().noneMatch(v -> v.parsed()) ? List.of("judging_failed") : List.of();
    }

    @Override
    String whoFailed() {
        return "every chair model failed";
    }

    @Override
    String instead() {
        return "The best statement is the final answer.";
    }

    /** The common meta plus the session: phases with seat excerpts, the panel, the chair. */
    @Override
    Map<String, Object> meta(DebateState state, List<String> warnings, @Nullable Contribution conclusion) {
        Panel panel = Transcripts.panel(state);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("engine", "parliament");
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (ParliamentPhase phase : ParliamentPhase.values()) {
            List<Map<String, Object>> seats = new ArrayList<>();
            for (Contribution c : state.contributions()) {
                Panel.Seat seat = panel.seatNamed(c.agent());
                if (c.ok() && seat != null && c.phase() == phase.phase()) {
                    String text = Objects.requireNonNull(c.content());
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("seat_id", seat.id());
                    s.put("seat_name", seat.name());
                    s.put("excerpt", text.length() > EXCERPT ? text.substring(0, EXCERPT) : text);
                    s.put("model", c.model());
                    s.put("provider", c.provider());
                    seats.add(s);
                }
            }
            rounds.add(Map.of("index", phase.round(), "phase", phase.wireName(), "seats", seats));
        }
        meta.put("rounds", rounds);
        meta.put("panel", DebateConfigFields.panelToFields(panel));
        meta.putAll(FinalMeta.of(state, warnings, conclusion));
        if (conclusion != null) {
            meta.put("chair", FinalMeta.author(conclusion));
        }
        return meta;
    }
}
