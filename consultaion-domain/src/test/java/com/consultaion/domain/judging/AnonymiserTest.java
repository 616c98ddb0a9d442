package com.consultaion.domain.judging;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.Property;
import com.consultaion.domain.debate.DebateId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnonymiserTest {

    @Test
    void labelsAreAPermutationOfTheCandidatesAndDeterministicPerDebateAndJudge() {
        Property.forAll(11, 1000, random -> {
            int n = random.nextInt(1, 9);
            List<String> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                candidates.add("agent-" + i);
            }
            DebateId id = new DebateId(new UUID(random.nextLong(), random.nextLong()));
            String judge = "judge-" + random.nextInt(5);

            List<Anonymiser.Labelled> labelled = Anonymiser.labelsFor(id, judge, candidates);

            assertThat(labelled)
                    .extracting(Anonymiser.Labelled::candidate)
                    .containsExactlyInAnyOrderElementsOf(candidates);
            assertThat(labelled)
                    .extracting(Anonymiser.Labelled::label)
                    .containsExactlyElementsOf(candidates.stream()
                            .map(c -> Anonymiser.label(candidates.indexOf(c)))
                            .toList());
            assertThat(Anonymiser.labelsFor(id, judge, candidates)).isEqualTo(labelled);
        });
    }

    @Test
    void differentJudgesMostlySeeDifferentOrders() {
        List<String> candidates = List.of("a", "b", "c", "d", "e");
        DebateId id = new DebateId(UUID.fromString("7b6f2a5e-58f1-4a34-9c0b-2d3f0e1a9b77"));
        Set<List<String>> orders = new HashSet<>();
        for (int j = 0; j < 20; j++) {
            orders.add(Anonymiser.labelsFor(id, "judge-" + j, candidates).stream()
                    .map(Anonymiser.Labelled::candidate)
                    .toList());
        }
        assertThat(orders.size()).isGreaterThan(10);
    }

    @Test
    void labelsRunPastZ() {
        assertThat(Anonymiser.label(0)).isEqualTo("A");
        assertThat(Anonymiser.label(25)).isEqualTo("Z");
        assertThat(Anonymiser.label(26)).isEqualTo("AA");
    }
}
