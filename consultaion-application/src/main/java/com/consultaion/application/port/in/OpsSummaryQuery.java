package com.consultaion.application.port.in;

import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.plan.ModelUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port in: the operators' summary (admins only). */
public interface OpsSummaryQuery {

    /**
     * The summary over every account, and this node's live numbers.
     *
     * @throws PermissionDenied unless the requester is an admin
     */
    Summary summary(Requester requester);

    record Window(
            String name,
            Instant since,
            Map<DebateStatus, Long> debatesByStatus,
            long activeUsers,
            List<ModelUsage> usageByModel) {}

    record Summary(Instant at, List<Window> windows, Map<String, Number> node, long runningOnThisNode) {}
}
