package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PersonalDataQuery;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.PaymentStore;
import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.event.DebateEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The right of access: everything held about a person, read from every store that holds some, and audited. */
public final class PersonalDataService implements PersonalDataQuery {

    private static final int PAGE = 100;
    private static final int EVENTS_PAGE = 1_000;

    private final UserRepository users;
    private final DebateRepository debates;
    private final DebateEventStore events;
    private final TeamRepository teams;
    private final ApiKeyRepository keys;
    private final BillingStore billing;
    private final PaymentStore payments;
    private final AuditTrail audit;
    private final Clock clock;

    public PersonalDataService(
            UserRepository users,
            DebateRepository debates,
            DebateEventStore events,
            TeamRepository teams,
            ApiKeyRepository keys,
            BillingStore billing,
            PaymentStore payments,
            AuditTrail audit,
            Clock clock) {
        this.users = users;
        this.debates = debates;
        this.events = events;
        this.teams = teams;
        this.keys = keys;
        this.billing = billing;
        this.payments = payments;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<PersonalData> export(UserId userId, ClientContext client) {
        Optional<User> user = users.findById(userId);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<DebateRecord> owned = new ArrayList<>();
        boolean truncated = false;
        for (int offset = 0; ; offset += PAGE) {
            DebateRepository.Page page = debates.page(userId, null, null, PAGE, offset);
            for (Debate d : page.items()) {
                if (owned.size() == MAX_DEBATES) {
                    truncated = true;
                    break;
                }
                owned.add(new DebateRecord(d, eventsOf(d)));
            }
            if (truncated || page.items().size() < PAGE) {
                break;
            }
        }
        List<AuditRecord> entries = audit.about(userId, MAX_AUDIT_ENTRIES).stream()
                .map(e -> new AuditRecord(
                        e.at(),
                        e.action(),
                        userId.equals(e.userId()),
                        e.targetType(),
                        e.targetId(),
                        e.ip(),
                        e.detail()))
                .toList();
        Instant monthStart = now.atZone(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .toLocalDate()
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        PersonalData data = new PersonalData(
                now,
                user.get(),
                billing.planOf(userId),
                owned,
                truncated,
                teams.teamsOf(userId),
                keys.listForUser(userId).stream().map(ApiKeyService::info).toList(),
                billing.usageByModel(userId, monthStart),
                payments.subscriptionsOf(userId),
                entries);
        audit.record(new AuditTrail.Entry(
                now,
                userId,
                "personal_data_exported",
                "user",
                userId.toString(),
                client.ip(),
                client.requestId(),
                Map.of("debates", Integer.toString(owned.size()))));
        return Optional.of(data);
    }

    private List<DebateEvent> eventsOf(Debate d) {
        List<DebateEvent> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<DebateEvent> page = events.readAfter(d.id(), after, EVENTS_PAGE);
            all.addAll(page);
            if (page.size() < EVENTS_PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).seq();
        }
    }
}
