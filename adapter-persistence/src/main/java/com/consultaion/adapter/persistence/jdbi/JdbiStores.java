package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.adapter.persistence.AccountStores;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.application.port.out.RatingStore;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.application.port.out.WorkLeases;
import org.jdbi.v3.core.Jdbi;

/** Every store port on PostgreSQL through one {@link Jdbi}, with the event bus the caller chooses. */
public final class JdbiStores implements PersistenceStores {

    private final DebateRepository debates;
    private final TranscriptRepository transcripts;
    private final DebateEventStore events;
    private final DebateEventBus bus;
    private final Transactions transactions;
    private final WorkLeases leases;
    private final RatingStore ratings;
    private final RateLimitStore rateLimits;
    private final BillingStore billing;
    private final OpsStore ops;
    private final AccountStores accounts;

    private JdbiStores(Jdbi jdbi, DebateEventBus bus) {
        this.debates = new JdbiDebateRepository(jdbi);
        this.transcripts = new JdbiTranscriptRepository(jdbi);
        this.events = new JdbiDebateEventStore(jdbi);
        this.bus = bus;
        this.transactions = new JdbiTransactions(jdbi);
        this.leases = new JdbiWorkLeases(jdbi);
        this.ratings = new JdbiRatingStore(jdbi);
        this.rateLimits = new JdbiRateLimitStore(jdbi);
        this.billing = new JdbiBillingStore(jdbi);
        this.ops = new JdbiOpsStore(jdbi);
        this.accounts = new AccountStores(
                new JdbiUserRepository(jdbi),
                new JdbiSessionRepository(jdbi),
                new JdbiApiKeyRepository(jdbi),
                new JdbiLoginAttempts(jdbi),
                new JdbiAuditTrail(jdbi),
                new JdbiContentEraser(jdbi),
                new JdbiTeamRepository(jdbi),
                new JdbiIdentityStore(jdbi),
                new JdbiPaymentStore(jdbi),
                new JdbiExternalSignInStore(jdbi));
    }

    public static JdbiStores create(Jdbi jdbi, DebateEventBus bus) {
        return new JdbiStores(jdbi, bus);
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
        return transactions;
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
