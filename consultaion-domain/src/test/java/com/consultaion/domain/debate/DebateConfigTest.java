package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebateConfigTest {

    @Test
    void theDefaultsAreTheOriginalServicesPanel() {
        DebateConfig config = DebateConfig.defaults("local");

        assertThat(config.agents()).extracting(AgentSpec::name).containsExactly("Analyst", "Critic", "Builder");
        assertThat(config.judges()).extracting(JudgeSpec::name).containsExactly("JudgeAlpha", "JudgeBeta");
        assertThat(config.judges().get(0).criteria())
                .containsExactly("accuracy", "completeness", "citations", "actionability", "risk");
        assertThat(config.critiqueRounds()).isEqualTo(1);
        assertThat(config.budget()).isEqualTo(new Budget(60_000, 1.5));
        assertThat(config.tolerance()).isEqualTo(new FailureTolerance(2, 0.4));
        assertThat(config.synthesizers()).containsExactly("local");
    }

    @Test
    void everyBrokenFieldIsReportedAtOnceWithItsPath() {
        Map<String, Object> fields = Map.of(
                "agents", List.of(Map.of("name", "", "model", "m"), Map.of("name", "B", "model", "bad model!")),
                "judges", List.of(),
                "rounds", 9,
                "budget", Map.of("max_tokens", 10),
                "aggregation", "mode");

        assertThatThrownBy(() -> DebateConfigFields.fromFields(fields, "local"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.errors())
                                .extracting(ValidationException.FieldError::field)
                                .contains("agents[0].name", "agents[1].model", "budget.max_tokens", "aggregation"));
    }

    @Test
    void countsAndRangesAreEnforced() {
        AgentSpec a = new AgentSpec("A", "", "m");
        JudgeSpec j = new JudgeSpec("J", "m", List.of());
        assertThatThrownBy(() -> new DebateConfig(List.of(a), List.of(j), 1, null, null, null, null, null, null))
                .hasMessageContaining("agents");
        assertThatThrownBy(() -> new DebateConfig(List.of(a, a), List.of(j), 1, null, null, null, null, null, null))
                .hasMessageContaining("agents");
        assertThatThrownBy(() -> new DebateConfig(
                        List.of(a, new AgentSpec("B", "", "m")), List.of(j), 4, null, null, null, null, null, null))
                .hasMessageContaining("rounds");
        assertThatThrownBy(() -> new DebateConfig(
                        List.of(a, new AgentSpec("B", "", "m")),
                        List.of(j),
                        1,
                        null,
                        null,
                        null,
                        null,
                        Duration.ofMillis(10),
                        null))
                .hasMessageContaining("call_timeout_seconds");
    }

    @Test
    void theFieldFormRoundTrips() {
        DebateConfig config = DebateConfig.defaults("local", "judge-model");

        assertThat(DebateConfigFields.fromFields(DebateConfigFields.toFields(config), "other"))
                .isEqualTo(config);
    }

    @Test
    void anEmptyFieldMapGivesTheDefaultsOnTheGivenModel() {
        assertThat(DebateConfigFields.fromFields(Map.of(), "gpt-x")).isEqualTo(DebateConfig.defaults("gpt-x"));
    }

    @Test
    void theQuorumHoldsOnlyWithEnoughAnswersAndAFailureRatioWithinBounds() {
        FailureTolerance t = FailureTolerance.DEFAULT; // at least 2, at most 40 % failed
        assertThat(t.holds(3, 3)).isTrue();
        assertThat(t.holds(2, 3)).isTrue();
        assertThat(t.holds(1, 3)).isFalse();
        assertThat(t.holds(3, 5)).isTrue();
        assertThat(t.holds(2, 5)).isFalse();
        assertThat(t.holds(0, 0)).isFalse();
    }
}
