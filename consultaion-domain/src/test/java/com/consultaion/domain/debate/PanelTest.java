package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PanelTest {

    private static Panel.Seat seat(String id, String name) {
        return new Panel.Seat(id, name, "local", "m", RoleProfile.SKEPTIC, 0.5);
    }

    @Test
    void theToleranceCountsFailuresAgainstTheRatioAndTheMinimum() {
        Panel three = new Panel(List.of(seat("a", "A"), seat("b", "B"), seat("c", "C")), 0.4, 2, true, true);

        assertThat(three.holds(3)).isTrue();
        assertThat(three.holds(2)).isTrue(); // one of three failed: 0.33 <= 0.4, two answered
        assertThat(three.holds(1)).isFalse(); // two failed: 0.67 > 0.4
        Panel lenient = new Panel(List.of(seat("a", "A"), seat("b", "B")), 1.0, 1, true, false);
        assertThat(lenient.holds(1)).isTrue();
        assertThat(lenient.holds(0)).isFalse();
        Panel exact = new Panel(List.of(seat("a", "A"), seat("b", "B")), 0.5, 1, true, false);
        assertThat(exact.holds(1)).isTrue(); // a ratio equal to the limit is allowed
    }

    @Test
    void seatsAreValidatedFieldByField() {
        assertThatThrownBy(() -> new Panel.Seat("Bad Id", " ", "Open AI", "", RoleProfile.OPTIMIST, 2.01))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationException.FieldError::field)
                                .containsExactly("seat_id", "display_name", "provider_key", "model", "temperature"));
        assertThat(new Panel.Seat("s_1-x", "Seat 1", "open-ai", "gpt-4o", RoleProfile.ECONOMIST, 0).temperature())
                .isZero();
        assertThat(new Panel.Seat("s", "S", "p", "m", RoleProfile.ECONOMIST, 2).temperature())
                .isEqualTo(2);
    }

    @Test
    void aPanelHasTwoToEightSeatsWithUniqueIdsAndNames() {
        assertThatThrownBy(() -> new Panel(List.of(seat("a", "A")), 0.4, 1, true, true))
                .hasMessageContaining("seats");
        List<Panel.Seat> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(seat("s" + i, "S" + i));
        }
        assertThatThrownBy(() -> new Panel(nine, 0.4, 1, true, true)).isInstanceOf(ValidationException.class);
        assertThat(new Panel(nine.subList(0, 8), 0.4, 8, true, true).seats()).hasSize(8);
        assertThatThrownBy(() -> new Panel(List.of(seat("a", "A"), seat("a", "B")), 0.4, 1, true, true))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationException.FieldError::code)
                                .containsExactly("seats.duplicate_id"));
        assertThatThrownBy(() -> new Panel(List.of(seat("a", "A"), seat("b", "A")), 0.4, 1, true, true))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationException.FieldError::code)
                                .containsExactly("seats.duplicate_name"));
        assertThatThrownBy(() -> new Panel(List.of(seat("a", "A"), seat("b", "B")), 0.4, 3, true, true))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationException.FieldError::field)
                                .containsExactly("min_required_seats"));
    }

    @Test
    void aConfigWithAPanelHasTheSeatsAsAgentsAndSurvivesItsFieldForm() {
        DebateConfig config = DebateConfig.defaults("m").withPanel(Panel.defaults("m"));

        assertThat(config.agents())
                .extracting(AgentSpec::name)
                .containsExactly("Optimist", "Risk Officer", "Systems Architect");
        assertThat(DebateConfigFields.fromFields(DebateConfigFields.toFields(config), "other"))
                .isEqualTo(config);
        assertThat(DebateConfigFields.panelFromFields(Map.of(), "m")).isEqualTo(Panel.defaults("m"));
        assertThatThrownBy(() -> new DebateConfig(
                        DebateConfig.defaults("m").agents(),
                        config.judges(),
                        1,
                        Budget.DEFAULT,
                        FailureTolerance.DEFAULT,
                        Aggregation.MEAN,
                        List.of(),
                        DebateConfig.DEFAULT_CALL_TIMEOUT,
                        DebateConfig.DEFAULT_DEADLINE,
                        Panel.defaults("m"),
                        Conversation.DEFAULT,
                        null))
                .hasMessageContaining("seats");
    }

    @Test
    void conversationSettingsHaveLimits() {
        assertThat(new Conversation(1, 100).rounds()).isEqualTo(1);
        assertThatThrownBy(() -> new Conversation(0, 100)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Conversation(5, 100)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Conversation(4, 99)).isInstanceOf(ValidationException.class);
    }
}
