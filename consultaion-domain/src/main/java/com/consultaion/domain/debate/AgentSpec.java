package com.consultaion.domain.debate;

import com.consultaion.domain.Texts;
import com.consultaion.domain.Violations;

/** One debating agent: a unique name, a persona (its instructions) and the model it runs on. */
public record AgentSpec(String name, String persona, String model) {

    public static final int MAX_PERSONA_LENGTH = 2000;

    public AgentSpec {
        name = name == null ? null : name.strip();
        persona = persona == null ? "" : persona.strip();
        Violations v = new Violations();
        Names.name(v, "name", name);
        v.check(
                persona.length() <= MAX_PERSONA_LENGTH,
                "persona",
                "persona.too_long",
                "must have at most " + MAX_PERSONA_LENGTH + " characters");
        Names.model(v, "model", model);
        v.check(Texts.clean(persona), "persona", "text.control_characters", "must not contain control characters");
        v.throwIfAny();
    }
}
