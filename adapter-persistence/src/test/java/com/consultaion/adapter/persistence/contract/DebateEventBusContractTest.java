package com.consultaion.adapter.persistence.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.consultaion.adapter.persistence.TestPostgres;
import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.jdbi.PostgresNotifyEventBus;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.domain.debate.DebateId;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The event bus contract on both implementations: in-process, and PostgreSQL LISTEN/NOTIFY across nodes. */
class DebateEventBusContractTest {

    enum Bus {
        IN_MEMORY {
            @Override
            DebateEventBus create() {
                return new InMemoryDebateEventBus();
            }
        },
        POSTGRES {
            @Override
            DebateEventBus create() {
                return new PostgresNotifyEventBus(TestPostgres.jdbi(), () -> {
                    try {
                        return TestPostgres.server().getPostgresDatabase().getConnection();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        };

        abstract DebateEventBus create();
    }

    private static final Duration SOON = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(Bus.class)
    void aSubscriberLearnsTheNewestSeqOfItsDebateOnly(Bus kind) throws Exception {
        DebateEventBus bus = kind.create();
        try {
            DebateId mine = DebateId.random();
            DebateId other = DebateId.random();
            AtomicLong newest = new AtomicLong();
            List<DebateId> heardOther = new CopyOnWriteArrayList<>();
            try (DebateEventBus.Subscription s = bus.subscribe(mine, seq -> newest.accumulateAndGet(seq, Math::max));
                    DebateEventBus.Subscription t = bus.subscribe(other, seq -> heardOther.add(other))) {
                bus.publish(mine, 3);
                bus.publish(mine, 7);

                await().atMost(SOON).until(() -> newest.get() == 7);
                assertThat(heardOther).isEmpty();
            }
        } finally {
            close(bus);
        }
    }

    @ParameterizedTest
    @EnumSource(Bus.class)
    void aClosedSubscriptionHearsNothingMoreAndClosesTwiceWithoutHarm(Bus kind) throws Exception {
        DebateEventBus bus = kind.create();
        try {
            DebateId id = DebateId.random();
            List<Long> heard = new CopyOnWriteArrayList<>();
            AtomicLong control = new AtomicLong();
            DebateEventBus.Subscription s = bus.subscribe(id, heard::add);
            try (DebateEventBus.Subscription c = bus.subscribe(id, control::set)) {
                bus.publish(id, 1);
                await().atMost(SOON).until(() -> !heard.isEmpty() && control.get() == 1);
                s.close();
                s.close();
                bus.publish(id, 2);
                // The other subscription hears 2, so the closed one had the same chance and missed it.
                await().atMost(SOON).until(() -> control.get() == 2);
                assertThat(heard).containsOnly(1L);
            }
        } finally {
            close(bus);
        }
    }

    /** Two nodes on one database: what one publishes reaches the other's subscribers. */
    @Test
    void aSignalCrossesNodesThroughPostgres() throws Exception {
        DebateEventBus one = Bus.POSTGRES.create();
        DebateEventBus two = Bus.POSTGRES.create();
        try {
            DebateId id = DebateId.random();
            AtomicLong newest = new AtomicLong();
            try (DebateEventBus.Subscription s = two.subscribe(id, seq -> newest.accumulateAndGet(seq, Math::max))) {
                // The listener may still be connecting: publish until the signal arrives (a signal carries no data,
                // so a repeated one is harmless by contract).
                await().atMost(SOON).pollInterval(Duration.ofMillis(100)).until(() -> {
                    one.publish(id, 5);
                    return newest.get() == 5;
                });
            }
        } finally {
            close(one);
            close(two);
        }
    }

    private static void close(DebateEventBus bus) throws Exception {
        if (bus instanceof AutoCloseable c) {
            c.close();
        }
    }
}
