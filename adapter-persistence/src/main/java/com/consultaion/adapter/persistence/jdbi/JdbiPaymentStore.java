package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.PaymentStore;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Payment events and subscriptions in PostgreSQL; an event's claim is its primary key. */
public final class JdbiPaymentStore implements PaymentStore {

    private static final String COLUMNS =
            "provider, id, user_id, plan, status, customer_id, current_period_end, " + "last_event_at, updated_at";
    private final Jdbi jdbi;

    public JdbiPaymentStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean claimEvent(String provider, String eventId, String type, Instant at) {
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same key to commit or roll back.
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO payment_events (provider, event_id, type, received_at) "
                                + "VALUES (:provider, :id, :type, :at) ON CONFLICT DO NOTHING")
                        .bind("provider", provider)
                        .bind("id", eventId)
                        .bind("type", type)
                        .bind("at", JdbiTimes.utc(at))
                        .execute())
                == 1;
    }

    @Override
    public void settleEvent(String provider, String eventId, String outcome) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE payment_events SET outcome = :outcome WHERE provider = :provider AND event_id = :id")
                .bind("outcome", outcome)
                .bind("provider", provider)
                .bind("id", eventId)
                .execute());
    }

    @Override
    public Optional<String> eventOutcome(String provider, String eventId) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT outcome FROM payment_events WHERE provider = :provider AND event_id = :id")
                        .bind("provider", provider)
                        .bind("id", eventId)
                        .mapTo(String.class)
                        .findOne());
    }

    @Override
    public Optional<Subscription> subscription(String provider, String id) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE provider = :provider AND id = :id")
                        .bind("provider", provider)
                        .bind("id", id)
                        .map((rs, ctx) -> read(rs))
                        .findOne());
    }

    @Override
    public List<Subscription> subscriptionsOf(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM subscriptions WHERE user_id = :user ORDER BY updated_at DESC, provider, id")
                .bind("user", user.value())
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public void save(Subscription s) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO subscriptions (" + COLUMNS + ") VALUES (:provider, :id, "
                        + ":user, :plan, :status, :customer, :periodEnd, :lastEvent, :updated) "
                        + "ON CONFLICT (provider, id) DO UPDATE SET user_id = EXCLUDED.user_id, plan = EXCLUDED.plan, "
                        + "status = EXCLUDED.status, customer_id = EXCLUDED.customer_id, "
                        + "current_period_end = EXCLUDED.current_period_end, last_event_at = EXCLUDED.last_event_at, "
                        + "updated_at = EXCLUDED.updated_at")
                .bind("provider", s.provider())
                .bind("id", s.id())
                .bind("user", s.user().value())
                .bind("plan", s.plan())
                .bind("status", s.status().name())
                .bind("customer", s.customerId())
                .bind("periodEnd", s.currentPeriodEnd() == null ? null : JdbiTimes.utc(s.currentPeriodEnd()))
                .bind("lastEvent", JdbiTimes.utc(s.lastEventAt()))
                .bind("updated", JdbiTimes.utc(s.updatedAt()))
                .execute());
    }

    private static Subscription read(ResultSet rs) throws SQLException {
        return new Subscription(
                rs.getString("provider"),
                rs.getString("id"),
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("plan"),
                Subscription.Status.valueOf(rs.getString("status")),
                rs.getString("customer_id"),
                rs.getObject("current_period_end") == null ? null : JdbiTimes.instant(rs, "current_period_end"),
                JdbiTimes.instant(rs, "last_event_at"),
                JdbiTimes.instant(rs, "updated_at"));
    }
}
