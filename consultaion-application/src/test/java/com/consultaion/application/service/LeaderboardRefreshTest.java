package com.consultaion.application.service;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.consultaion.application.port.out.RatingStore;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.domain.rating.Leaderboard;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Debates completing together share one background refresh of the boards. */
class LeaderboardRefreshTest {

    @Test
    void completionsWithinTheDelayShareOneRefresh() {
        RatingStore store = mock(RatingStore.class);
        when(store.categories()).thenReturn(List.of());
        Transactions transactions = mock(Transactions.class);
        when(transactions.inTransaction(any()))
                .thenAnswer(call -> call.<Supplier<?>>getArgument(0).get());
        LeaderboardService service =
                new LeaderboardService(store, transactions, Leaderboard.Settings.DEFAULT, Duration.ofMillis(300));

        service.refreshSoon();
        verify(store, after(100).never()).categories(); // the refresh waits (it began at once before)
        for (int completed = 1; completed < 50; completed++) {
            service.refreshSoon();
        }

        // One refresh (it reads the categories once) for all fifty.
        verify(store, timeout(10_000)).categories();
        verify(store, after(1_000)).categories();
    }
}
