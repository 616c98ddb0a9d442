package com.consultaion.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.ValidationException;
import com.consultaion.domain.routing.Router.Option;
import com.consultaion.domain.routing.Router.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Option CHEAP_FAST = new Option("mini", 0.00015, 0.0006, "fast", "good", "normal", true);
    private static final Option STRONG = new Option("large", 0.0025, 0.01, "normal", "high", "strict", true);

    @Test
    void smartBalancesCostAndSpeedWhileDeepPaysForQuality() {
        assertThat(Router.route(Policy.SMART, List.of(STRONG, CHEAP_FAST)).routedModel())
                .isEqualTo("mini");
        assertThat(Router.route(Policy.DEEP, List.of(CHEAP_FAST, STRONG)).routedModel())
                .isEqualTo("large");
    }

    @Test
    void scoresAreTheWeightedPartsWorkedByHand() {
        Router.Decision d = Router.route(Policy.SMART, List.of(CHEAP_FAST, STRONG));

        // mini: cost 1 - 0.00075 / 0.0125 = 0.94; latency 1; quality 0.75; safety 0.7.
        // total = 0.3 × 0.94 + 0.25 × 1 + 0.3 × 0.75 + 0.15 × 0.7 = 0.862
        assertThat(d.candidates().get(0)).isEqualTo(new Router.Candidate("mini", 0.862, 0.94, 1.0, 0.75, 0.7, true));
        // large: cost 0; latency 0.6; quality 1; safety 1 → 0.15 + 0.3 + 0.15 = 0.6
        assertThat(d.candidates().get(1)).isEqualTo(new Router.Candidate("large", 0.6, 0.0, 0.6, 1.0, 1.0, true));
        assertThat(d.policy()).isEqualTo("router-smart");
    }

    @Test
    void anUnhealthyModelIsPenalisedNotHidden() {
        Option broken = new Option("mini", 0.00015, 0.0006, "fast", "good", "normal", false);

        Router.Decision d = Router.route(Policy.SMART, List.of(broken, STRONG));

        assertThat(d.routedModel()).isEqualTo("large");
        assertThat(d.candidates().get(1).healthy()).isFalse();
        assertThat(d.candidates().get(1).totalScore()).isEqualTo(0.1724); // a fifth of 0.862
    }

    @Test
    void tiesGoToTheCatalogueOrderAndFreeModelsScoreFullCost() {
        Option a = new Option("a", 0, 0, "fast", "baseline", "strict", true);
        Option b = new Option("b", 0, 0, "fast", "baseline", "strict", true);

        assertThat(Router.route(Policy.DEEP, List.of(a, b)).routedModel()).isEqualTo("a");
        assertThat(Router.route(Policy.DEEP, List.of(b, a)).routedModel()).isEqualTo("b");
        assertThat(Router.route(Policy.SMART, List.of(a)).candidates().get(0).costScore())
                .isEqualTo(1.0);
    }

    @Test
    void policiesParseWithADefaultAndRefuseOthers() {
        assertThat(Policy.parse(null)).isEqualTo(Policy.SMART);
        assertThat(Policy.parse("router-deep")).isEqualTo(Policy.DEEP);
        assertThatThrownBy(() -> Policy.parse("router-cheap")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Router.route(Policy.SMART, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
