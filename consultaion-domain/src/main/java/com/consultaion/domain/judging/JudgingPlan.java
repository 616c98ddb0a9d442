package com.consultaion.domain.judging;

import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.JudgeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which judge scores which candidate. A judge does not score a candidate running on its own model (self-
 * preference) whenever another judge on a different model can score it; if every judge shares that model, all
 * of them score it rather than nobody.
 */
public final class JudgingPlan {

    private JudgingPlan() {}

    /** judge name → the candidates (agent names, in config order) it scores. */
    public static Map<String, List<String>> assign(List<JudgeSpec> judges, List<AgentSpec> candidates) {
        Map<String, List<String>> plan = new LinkedHashMap<>();
        judges.forEach(j -> plan.put(j.name(), new ArrayList<>()));
        for (AgentSpec candidate : candidates) {
            boolean someoneIndependent =
                    judges.stream().anyMatch(j -> !j.model().equals(candidate.model()));
            for (JudgeSpec judge : judges) {
                if (!someoneIndependent || !judge.model().equals(candidate.model())) {
                    Objects.requireNonNull(plan.get(judge.name())).add(candidate.name());
                }
            }
        }
        plan.replaceAll((judge, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(plan);
    }
}
