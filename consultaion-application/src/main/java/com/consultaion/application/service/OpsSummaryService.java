package com.consultaion.application.service;

import com.consultaion.application.port.in.OpsSummaryQuery;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.NodeStats;
import com.consultaion.application.port.out.OpsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;

/** The last 24 hours and 7 days across all users, and this node's live numbers. */
public final class OpsSummaryService implements OpsSummaryQuery {

    private final OpsStore store;
    private final NodeStats node;
    private final IntSupplier runningHere;
    private final Clock clock;

    public OpsSummaryService(OpsStore store, NodeStats node, IntSupplier runningHere, Clock clock) {
        this.store = store;
        this.node = node;
        this.runningHere = runningHere;
        this.clock = clock;
    }

    @Override
    public Summary summary(Requester requester) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may read the ops summary");
        }
        Instant now = clock.instant();
        return new Summary(
                now,
                List.of(window("24h", now.minus(Duration.ofHours(24))), window("7d", now.minus(Duration.ofDays(7)))),
                node.snapshot(),
                runningHere.getAsInt());
    }

    private Window window(String name, Instant since) {
        return new Window(
                name,
                since,
                store.debatesByStatusSince(since),
                store.activeUsersSince(since),
                store.usageByModelSince(since));
    }
}
