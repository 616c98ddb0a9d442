package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.adapter.persistence.AccountStores;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.IdentityStore;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.application.port.out.RatingStore;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.application.port.out.WorkLeases;

/** Every store port in memory, sharing one {@link InMemoryDatabase}: for tests and embedded use. */
public final class InMemoryStores implements PersistenceStores {

    private final InMemoryDatabase db = new InMemoryDatabase();
    private final InMemoryDebateRepository debates = new InMemoryDebateRepository(db);
    private final InMemoryTranscriptRepository transcripts = new InMemoryTranscriptRepository(db);
    private final InMemoryDebateEventStore events = new InMemoryDebateEventStore(db);
    private final InMemoryDebateEventBus bus = new InMemoryDebateEventBus();
    private final InMemoryWorkLeases leases = new InMemoryWorkLeases(debates);
    private final InMemoryRatingStore ratings = new InMemoryRatingStore(db, debates);
    private final InMemoryRateLimitStore rateLimits = new InMemoryRateLimitStore();
    private final InMemoryUserRepository users = new InMemoryUserRepository(db);
    private final InMemoryBillingStore billing = new InMemoryBillingStore(db, debates, users);
    private final InMemoryOpsStore ops = new InMemoryOpsStore(debates, billing, users);
    private final InMemorySessionRepository sessions = new InMemorySessionRepository(db);
    private final InMemoryApiKeyRepository apiKeys = new InMemoryApiKeyRepository(db);
    private final InMemoryPaymentStore payments = new InMemoryPaymentStore(db);
    private final InMemoryTeamRepository teams = new InMemoryTeamRepository(db, users);
    private final AccountStores accounts = new AccountStores(
            users,
            sessions,
            apiKeys,
            new InMemoryLoginAttempts(db),
            new InMemoryAuditTrail(db),
            new InMemoryContentEraser(db, debates, transcripts, events),
            teams,
            // Reads cost nothing here: composed from the repositories above.
            IdentityStore.composed(users, sessions, apiKeys, teams),
            payments,
            new InMemoryExternalSignInStore(db));

    private InMemoryStores() {}

    public static InMemoryStores create() {
        return new InMemoryStores();
    }

    @Override
    public DebateRepository debates() {
        return debates;
    }

    @Override
    public TranscriptRepository transcripts() {
        return transcripts;
    }

    @Override
    public DebateEventStore events() {
        return events;
    }

    @Override
    public DebateEventBus bus() {
        return bus;
    }

    @Override
    public Transactions transactions() {
        return db;
    }

    @Override
    public WorkLeases leases() {
        return leases;
    }

    @Override
    public RatingStore ratings() {
        return ratings;
    }

    @Override
    public RateLimitStore rateLimits() {
        return rateLimits;
    }

    @Override
    public BillingStore billing() {
        return billing;
    }

    @Override
    public OpsStore ops() {
        return ops;
    }

    @Override
    public AccountStores accounts() {
        return accounts;
    }
}
