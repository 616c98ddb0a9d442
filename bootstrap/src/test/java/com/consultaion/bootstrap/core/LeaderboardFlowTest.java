package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.Consultaion;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.rating.Leaderboard;
import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RatingEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Debates feed the leaderboard end to end in the embedded core; the kept board equals a recompute. */
class LeaderboardFlowTest {

    @Test
    void theBoardKeptAfterEachDebateEqualsARecomputeFromTheStoredMatches() throws Exception {
        InMemoryStores stores = InMemoryStores.create();
        try (Consultaion consultaion = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(stores)
                .leaderboard(new Leaderboard.Settings(200, 99, 1.0))
                .build()) {
            List<DebateId> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(consultaion
                        .start("Question number " + i + ": how should a small town spend its budget?")
                        .id());
            }
            // The same prompt again (the embedding application owns all of these): rated once only.
            ids.add(consultaion
                    .start("QUESTION number 0 - how should a small town spend its budget")
                    .id());
            for (var id : ids) {
                assertThat(consultaion.await(id, Duration.ofSeconds(60)).status())
                        .isEqualTo(DebateStatus.COMPLETED);
            }
            long last = stores.ratings().lastRecorded();
            assertThat(last).isEqualTo(8);
            // Default panel: three agents, so three matches per rated debate.
            assertThat(stores.ratings().matches(RatedDebate.OVERALL)).hasSize(24);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> stores.ratings().boardThrough(RatedDebate.OVERALL) == last);

            List<RatingEntry> kept = consultaion.core().leaderboard().board(null, 0, 200);
            assertThat(kept).extracting(RatingEntry::persona).containsExactlyInAnyOrder("Analyst", "Critic", "Builder");
            assertThat(kept).allSatisfy(e -> assertThat(e.matches()).isEqualTo(16));
            assertThat(consultaion.recomputeRatings().entries()).isEqualTo(3);
            assertThat(consultaion.core().leaderboard().board(null, 0, 200)).isEqualTo(kept);
        }
    }
}
