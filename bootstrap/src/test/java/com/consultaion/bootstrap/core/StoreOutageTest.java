package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.Consultaion;
import com.consultaion.application.Core;
import com.consultaion.application.port.out.StorageUnavailableException;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The store refusing work for a moment (no connection within the pool's wait, under load) must not stall a
 * running debate until its lease expires: the stage's commit is tried again. The lease here lasts an hour, so
 * only the retry can finish the debate.
 */
class StoreOutageTest {

    @Test
    void aDebateRidesOutAShortStoreOutage() throws Exception {
        InMemoryStores stores = InMemoryStores.create();
        AtomicInteger failuresLeft = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Transactions flaky = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    refused.incrementAndGet();
                    throw new StorageUnavailableException(
                            "no connection within 2000 ms", new SQLTransientConnectionException());
                }
                return stores.transactions().inTransaction(work);
            }
        };
        // Handing the lease back needs the store too: when that fails as well, only the lease's expiry (an hour
        // here) would let anyone resume the debate.
        WorkLeases leases = stores.leases();
        WorkLeases flakyLeases = new WorkLeases() {
            @Override
            public Optional<Lease> claim(String owner, Duration ttl, Instant now) {
                return leases.claim(owner, ttl, now);
            }

            @Override
            public Optional<Lease> grant(DebateId id, String owner, Duration ttl, Instant now) {
                return leases.grant(id, owner, ttl, now);
            }

            @Override
            public boolean renew(Lease lease, Duration ttl, Instant now) {
                return leases.renew(lease, ttl, now);
            }

            @Override
            public void release(Lease lease) {
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    refused.incrementAndGet();
                    throw new StorageUnavailableException(
                            "no connection within 2000 ms", new SQLTransientConnectionException());
                }
                leases.release(lease);
            }

            @Override
            public Set<String> holders(String ownerPrefix, Instant now) {
                return leases.holders(ownerPrefix, now);
            }

            @Override
            public int expireHeldBy(String owner, Instant now) {
                return leases.expireHeldBy(owner, now);
            }

            @Override
            public void assertHeld(Lease lease) {
                leases.assertHeld(lease);
            }
        };
        Core.Stores withOutage = new Core.StoreSet(
                stores.debates(),
                stores.transcripts(),
                stores.events(),
                stores.bus(),
                flaky,
                flakyLeases,
                stores.ratings(),
                stores.billing());
        // The outage begins with the first model call: the debate is running, its first stage's commit is next.
        AtomicBoolean armed = new AtomicBoolean();
        LocalChatModel local = new LocalChatModel();
        try (Consultaion consultaion = Consultaion.builder()
                .chatModel(request -> {
                    if (armed.compareAndSet(false, true)) {
                        failuresLeft.set(4);
                    }
                    return local.complete(request);
                })
                .stores(withOutage)
                .worker(new DebateWorker.Settings(
                        "outage-test", 10, Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMillis(100)))
                .build()) {
            Debate done =
                    consultaion.startAndAwait("Should a library lend tools as well as books?", Duration.ofSeconds(20));

            assertThat(refused.get()).as("store calls refused by the outage").isEqualTo(4);
            assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        }
    }
}
