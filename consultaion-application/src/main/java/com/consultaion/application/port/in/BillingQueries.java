package com.consultaion.application.port.in;

import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.plan.Plan;
import com.consultaion.domain.plan.QuotaPolicy;
import java.util.List;

/** Port in: the plans, a user's plan and usage, and the plan checks other features ask for. */
public interface BillingQueries {

    /** Every plan, free first, then by price. */
    List<Plan> plans();

    /** The requester's plan and its usage this period. */
    Account account(Requester requester);

    /** Settled tokens and cost per model this month. */
    List<ModelUsage> usageByModel(Requester requester);

    /**
     * Checks that the requester's plan allows exports.
     *
     * @throws QuotaExceeded (402) when the requester's plan has no exports
     */
    void checkExport(Requester requester);

    /** The account's plan, the month ({@code 2026-12}), its usage and its exports this month. */
    record Account(Plan plan, String period, QuotaPolicy.Usage usage, int exportsThisMonth) {}
}
