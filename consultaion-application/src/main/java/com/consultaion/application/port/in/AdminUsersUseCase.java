package com.consultaion.application.port.in;

import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.plan.QuotaPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Port in: the operators' view of accounts (admins only; {@link PermissionDenied} for anyone else). Every change is
 * audited with the admin as its actor and the account as its target.
 */
public interface AdminUsersUseCase {

    int MAX_LIMIT = 200;

    /** A page of accounts matching the search. */
    AccountSearch.Page list(Requester requester, AccountSearch search, int limit, int offset);

    /** One account with its plan and this month's usage; empty when there is none. */
    Optional<Detail> detail(Requester requester, UserId user);

    /**
     * Disables or enables an account. A disabled account's sessions and API keys stop working at once (every request
     * checks the account); its running debates finish. An admin cannot disable their own account.
     */
    Optional<User> setActive(Requester requester, UserId user, boolean active, ClientContext client);

    /** Makes an existing account an admin (the operator's grant; registration never claims it). */
    Optional<User> promote(Requester requester, UserId user, ClientContext client);

    /** An account, its plan, its quota use (debates this month, tokens today and this month, running) and usage. */
    record Detail(User user, String plan, QuotaPolicy.Usage quota, List<ModelUsage> usageThisMonth) {}
}
