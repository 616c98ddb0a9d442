package com.consultaion.domain.team;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may give which role to whom, cell by cell. */
class TeamRoleTest {

    @ParameterizedTest(name = "{0} gives {2} to {1}: {3}")
    @CsvSource({
        "OWNER, , OWNER, true",
        "OWNER, VIEWER, OWNER, true",
        "OWNER, OWNER, VIEWER, true",
        "OWNER, EDITOR, VIEWER, true",
        "EDITOR, , VIEWER, true",
        "EDITOR, , EDITOR, true",
        "EDITOR, VIEWER, EDITOR, true",
        "EDITOR, EDITOR, VIEWER, true",
        "EDITOR, , OWNER, false",
        "EDITOR, EDITOR, OWNER, false",
        "EDITOR, OWNER, VIEWER, false",
        "EDITOR, OWNER, EDITOR, false",
        "EDITOR, OWNER, OWNER, false",
        "VIEWER, , VIEWER, false",
        "VIEWER, VIEWER, EDITOR, false",
        "VIEWER, EDITOR, VIEWER, false",
    })
    void aRoleMayAssignWhatTheRulesAllow(TeamRole actor, TeamRole current, TeamRole wanted, boolean allowed) {
        assertThat(actor.mayAssign(current, wanted)).isEqualTo(allowed);
    }
}
