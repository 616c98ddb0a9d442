package com.consultaion.application.port.out;

import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.plan.ModelUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port out: aggregate numbers for operators, over every user (never per user). */
public interface OpsStore {

    /** Debates created since {@code since}, counted by their current status. */
    Map<DebateStatus, Long> debatesByStatusSince(Instant since);

    /** Distinct owners of debates created since {@code since}. */
    long activeUsersSince(Instant since);

    /** Settled tokens and cost per model since {@code since}, over every account, most tokens first. */
    List<ModelUsage> usageByModelSince(Instant since);

    /** Debates in debate mode with no critique round (drafts judged at once), created since then. */
    long debatesWithoutCritiqueSince(Instant since);

    /** A page of accounts, newest first unless {@code oldestFirst} (then by id). */
    AccountSearch.Page users(AccountSearch search, int limit, int offset);
}
