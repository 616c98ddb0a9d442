package com.consultaion.domain.debate;

import com.consultaion.domain.Violations;
import java.util.HashSet;
import java.util.List;

/** One judge: a unique name, its model and the rubric criteria it scores 0-10. */
public record JudgeSpec(String name, String model, List<String> criteria) {

    public static final List<String> DEFAULT_RUBRIC =
            List.of("accuracy", "completeness", "citations", "actionability", "risk");
    public static final int MAX_CRITERIA = 8;

    public JudgeSpec {
        name = name == null ? null : name.strip();
        criteria = criteria == null || criteria.isEmpty() ? DEFAULT_RUBRIC : List.copyOf(criteria);
        Violations v = new Violations();
        Names.name(v, "name", name);
        Names.model(v, "model", model);
        v.check(
                criteria.size() <= MAX_CRITERIA,
                "criteria",
                "criteria.too_many",
                "must have at most " + MAX_CRITERIA + " entries");
        for (int i = 0; i < criteria.size(); i++) {
            String c = criteria.get(i);
            v.check(
                    c != null && Names.CRITERION.matcher(c).matches(),
                    "criteria[" + i + "]",
                    "criterion.invalid",
                    "must be lower-case letters, digits or '_' (1-40), starting with a letter");
        }
        v.check(
                new HashSet<>(criteria).size() == criteria.size(),
                "criteria",
                "criteria.duplicate",
                "must not repeat a criterion");
        v.throwIfAny();
    }
}
