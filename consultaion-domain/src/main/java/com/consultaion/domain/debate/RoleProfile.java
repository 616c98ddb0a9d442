package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The roles a parliament seat can take: a title and the instructions that give the seat its point of view. */
public enum RoleProfile {
    OPTIMIST(
            "Optimist",
            "Make the strongest honest case for the opportunity: the benefits, who gains, and what it takes to"
                    + " capture them. Do not hide costs; argue they are worth paying, or say when they are not."),
    RISK_OFFICER(
            "Risk officer",
            "Find what could go wrong: failure modes, costs, people who lose out, irreversible steps. Say how"
                    + " likely and how severe each risk is, and what would mitigate it."),
    ARCHITECT(
            "Systems architect",
            "Think in systems: dependencies, second-order effects, how the parts fit, and a concrete plan with"
                    + " steps, owners and measures."),
    SKEPTIC("Skeptic", "Question the premises and the evidence. Ask what would have to be true, and whether it is."),
    USER_ADVOCATE(
            "User advocate",
            "Speak for the people affected: their needs, their burden, what they would accept and what they"
                    + " would refuse."),
    ECONOMIST(
            "Economist",
            "Weigh costs and benefits, incentives and opportunity costs; put numbers on them where you can.");

    private final String title;
    private final String instructions;

    RoleProfile(String title, String instructions) {
        this.title = title;
        this.instructions = instructions;
    }

    public String title() {
        return title;
    }

    public String instructions() {
        return instructions;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RoleProfile parse(@Nullable String value, String field) {
        for (RoleProfile r : values()) {
            if (r.wireName().equals(value)) {
                return r;
            }
        }
        throw ValidationException.of(
                field,
                "role_profile.invalid",
                "must be one of "
                        + Arrays.stream(values()).map(RoleProfile::wireName).collect(Collectors.joining(", ")));
    }
}
