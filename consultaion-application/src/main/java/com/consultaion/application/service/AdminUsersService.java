package com.consultaion.application.service;

import com.consultaion.application.port.in.AdminUsersUseCase;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Operators and accounts: list, read, disable or enable, promote; each change audited. */
public final class AdminUsersService implements AdminUsersUseCase {

    /** Running debates are counted up to this many. */
    static final int RUNNING_SHOWN = 1_000;

    private final OpsStore ops;
    private final UserRepository users;
    private final BillingStore billing;
    private final AuditTrail audit;
    private final Clock clock;

    public AdminUsersService(OpsStore ops, UserRepository users, BillingStore billing, AuditTrail audit, Clock clock) {
        this.ops = ops;
        this.users = users;
        this.billing = billing;
        this.audit = audit;
        this.clock = clock;
    }

    private static void adminOnly(Requester requester) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may manage accounts");
        }
    }

    @Override
    public AccountSearch.Page list(Requester requester, AccountSearch search, int limit, int offset) {
        adminOnly(requester);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", "limit.out_of_range", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ValidationException.of("offset", "offset.out_of_range", "must be 0 or more");
        }
        return ops.users(search, limit, offset);
    }

    @Override
    public Optional<Detail> detail(Requester requester, UserId id) {
        adminOnly(requester);
        Instant now = clock.instant();
        Instant dayStart = now.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Instant monthStart = now.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .withDayOfMonth(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return users.findById(id)
                .map(u -> new Detail(
                        u,
                        billing.planOf(id),
                        billing.usage(id, dayStart, monthStart, RUNNING_SHOWN),
                        billing.usageByModel(id, monthStart)));
    }

    @Override
    public Optional<User> setActive(Requester requester, UserId id, boolean active, ClientContext client) {
        adminOnly(requester);
        if (!active && id.equals(requester.userId())) {
            throw new PermissionDenied("an admin cannot disable their own account");
        }
        return users.findById(id).map(u -> {
            User changed = u.withActive(active);
            users.update(changed);
            record(requester, active ? "user_enabled" : "user_disabled", id, client);
            return changed;
        });
    }

    @Override
    public Optional<User> promote(Requester requester, UserId id, ClientContext client) {
        adminOnly(requester);
        return users.findById(id).map(u -> {
            User changed = u.withRole(Role.ADMIN);
            users.update(changed);
            record(requester, "admin_granted", id, client);
            return changed;
        });
    }

    private void record(Requester requester, String action, UserId target, ClientContext client) {
        audit.record(new AuditTrail.Entry(
                clock.instant(),
                requester.userId(),
                action,
                "user",
                target.toString(),
                client.ip(),
                client.requestId(),
                Map.of()));
    }
}
