package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.plan.QuotaPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port out: each account's plan and its usage ledger. Ledger entries are append-only and idempotent by key, so a
 * retried reservation or settlement never counts twice. Every call joins an enclosing {@link Transactions} unit.
 */
public interface BillingStore {

    /** The account's plan slug ({@code free} until changed). */
    String planOf(UserId user);

    /** Moves the account to the plan; false when there is no such account. */
    boolean assignPlan(UserId user, String slug);

    /**
     * Holds the account's lock until the enclosing transaction ends, so one account's starts are checked and
     * reserved one at a time on every node (two concurrent starts cannot both take the last slot).
     */
    void lockAccount(UserId user);

    /**
     * Debates started this month, tokens today and this month (reservations count until released), and debates
     * running now — counted up to {@code runningCap} only (the plan's limit: counting further cannot change the
     * decision, and an account with a long queue would make every check slower).
     */
    default QuotaPolicy.Usage usage(UserId user, Instant dayStart, Instant monthStart, int runningCap) {
        return usage(user, dayStart, monthStart, runningCap, null);
    }

    /** The same, leaving debate {@code excluding} out of the running ones (the start being decided). */
    QuotaPolicy.Usage usage(
            UserId user, Instant dayStart, Instant monthStart, int runningCap, @Nullable DebateId excluding);

    /** Appends an entry unless one with its key exists; returns whether it was appended. */
    default boolean append(Entry entry) {
        return append(List.of(entry)) == 1;
    }

    /** Appends, in one go, each entry whose key does not exist yet; returns how many were appended. */
    int append(List<Entry> entries);

    /** Counts one export (a report or a score sheet) for the account, in the month of {@code at}. */
    void countExport(UserId user, Instant at);

    /** The account's exports in the month that begins at {@code monthStart}. */
    int exports(UserId user, Instant monthStart);

    /** Settled tokens and cost per model since {@code from}, most tokens first. */
    List<ModelUsage> usageByModel(UserId user, Instant from);

    enum Kind {
        /** At start: the most the debate may spend (its budget), held against the daily tokens. */
        RESERVE,
        /** At the end: the reservation handed back (tokens negative). */
        RELEASE,
        /** At the end of a completed debate: what one phase spent on one model, as the provider reported it. */
        SETTLE
    }

    record Entry(
            String key,
            UserId user,
            DebateId debate,
            Kind kind,
            @Nullable String phase,
            @Nullable String model,
            long tokens,
            double costUsd,
            Instant at) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(debate, "debate");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(at, "at");
        }
    }
}
