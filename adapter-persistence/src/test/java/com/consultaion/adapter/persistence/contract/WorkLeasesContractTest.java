package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.Fixtures;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.domain.debate.Debate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The WorkLeases contract: claims, expiry, renewal and the epoch fencing token. */
class WorkLeasesContractTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void theOldestQueuedDebateIsClaimedOnceAndNothingElseIsClaimable(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate older = Fixtures.debate(T0);
        Debate newer = Fixtures.debate(T0.plusSeconds(5));
        stores.debates().insert(newer);
        stores.debates().insert(older);

        WorkLeases.Lease first =
                stores.leases().claim("a", TTL, T0.plusSeconds(10)).orElseThrow();
        WorkLeases.Lease second =
                stores.leases().claim("b", TTL, T0.plusSeconds(10)).orElseThrow();

        assertThat(first.debateId()).isEqualTo(older.id());
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(second.debateId()).isEqualTo(newer.id());
        assertThat(stores.leases().claim("c", TTL, T0.plusSeconds(10))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aBatchClaimTakesUpToItsMaximumOldestFirstAndEachDebateOnce(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        List<Debate> queued = new ArrayList<>();
        for (int i = 4; i >= 0; i--) {
            Debate d = Fixtures.debate(T0.plusSeconds(i));
            stores.debates().insert(d);
            queued.add(0, d);
        }

        List<WorkLeases.Lease> first = stores.leases().claim("a", TTL, T0.plusSeconds(10), 3);
        List<WorkLeases.Lease> second = stores.leases().claim("b", TTL, T0.plusSeconds(10), 3);

        assertThat(first)
                .extracting(WorkLeases.Lease::debateId)
                .containsExactly(
                        queued.get(0).id(), queued.get(1).id(), queued.get(2).id());
        assertThat(first).allSatisfy(l -> assertThat(l.epoch()).isEqualTo(1));
        assertThat(second)
                .extracting(WorkLeases.Lease::debateId)
                .containsExactly(queued.get(3).id(), queued.get(4).id());
        assertThat(stores.leases().claim("c", TTL, T0.plusSeconds(10), 3)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aDebateGrantedInItsCreatingTransactionIsHeldAndNotClaimableByOthers(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate(T0);

        WorkLeases.Lease granted = stores.transactions().inTransaction(() -> {
            stores.debates().insert(debate);
            return stores.leases().grant(debate.id(), "here", TTL, T0).orElseThrow();
        });

        assertThat(granted.debateId()).isEqualTo(debate.id());
        assertThat(granted.owner()).isEqualTo("here");
        assertThat(granted.epoch()).isEqualTo(1);
        assertThat(granted.expiresAt()).isEqualTo(T0.plus(TTL));
        stores.transactions().run(() -> stores.leases().assertHeld(granted));
        assertThat(stores.leases().claim("elsewhere", TTL, T0.plusSeconds(1))).isEmpty();
        assertThat(stores.leases().grant(debate.id(), "elsewhere", TTL, T0.plusSeconds(1)))
                .as("held")
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aGrantRolledBackWithItsTransactionLeavesTheDebateToBeClaimed(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate(T0);
        stores.debates().insert(debate);

        assertThatThrownBy(() -> stores.transactions().run(() -> {
                    assertThat(stores.leases().grant(debate.id(), "here", TTL, T0))
                            .isPresent();
                    throw new IllegalStateException("the start failed after the grant");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(stores.leases().claim("elsewhere", TTL, T0.plusSeconds(1)))
                .map(WorkLeases.Lease::debateId)
                .hasValue(debate.id());
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void onlyAQueuedDebateCanBeGranted(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate(T0);
        stores.debates().insert(debate);
        stores.debates().update(debate.start(T0));

        assertThat(stores.leases().grant(debate.id(), "here", TTL, T0)).isEmpty();
        assertThat(stores.leases().grant(Fixtures.debate(T0).id(), "here", TTL, T0))
                .as("no such debate")
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void anExpiredLeaseIsTakenOverWithAHigherEpochAndTheOldHolderIsFencedOff(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate();
        stores.debates().insert(debate);
        WorkLeases.Lease paused = stores.leases().claim("a", TTL, T0).orElseThrow();
        stores.debates().update(debate.start(T0));

        WorkLeases.Lease takeover =
                stores.leases().claim("b", TTL, T0.plus(TTL).plusSeconds(1)).orElseThrow();

        assertThat(takeover.epoch()).isGreaterThan(paused.epoch());
        assertThat(stores.leases().renew(paused, TTL, T0.plus(TTL).plusSeconds(2)))
                .isFalse();
        assertThatThrownBy(() -> stores.transactions().run(() -> stores.leases().assertHeld(paused)))
                .isInstanceOf(WorkLeases.LeaseLostException.class);
        stores.transactions().run(() -> stores.leases().assertHeld(takeover));
        stores.leases().release(paused); // a superseded holder's release changes nothing
        assertThat(stores.leases().claim("c", TTL, T0.plus(TTL).plusSeconds(3))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aRenewedLeaseIsNotClaimableAndAReleasedOneIs(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate();
        stores.debates().insert(debate);
        WorkLeases.Lease lease = stores.leases().claim("a", TTL, T0).orElseThrow();

        assertThat(stores.leases().renew(lease, TTL, T0.plusSeconds(25))).isTrue();
        assertThat(stores.leases().claim("b", TTL, T0.plusSeconds(40))).isEmpty();
        stores.leases().release(lease);
        assertThat(stores.leases().claim("b", TTL, T0.plusSeconds(41))).isPresent();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void finishedDebatesAreNeverClaimed(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate debate = Fixtures.debate();
        stores.debates().insert(debate);
        stores.debates().update(debate.cancel(T0));

        assertThat(stores.leases().claim("a", TTL, T0.plusSeconds(1))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void theLeasesOfAGoneHolderAreFoundByPrefixAndEndedSoThatTheyAreClaimableAtOnce(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate first = Fixtures.debate(T0);
        Debate second = Fixtures.debate(T0.plusSeconds(1));
        Debate other = Fixtures.debate(T0.plusSeconds(2));
        stores.debates().insert(first);
        stores.debates().insert(second);
        stores.debates().insert(other);
        WorkLeases.Lease a =
                stores.leases().claim("node-1/41/x", TTL, T0.plusSeconds(5)).orElseThrow();
        assertThat(stores.leases().claim("node-1/41/x", TTL, T0.plusSeconds(5))).isPresent();
        assertThat(stores.leases().claim("node-2/7/y", TTL, T0.plusSeconds(5))).isPresent();
        Instant restart = T0.plusSeconds(6);

        assertThat(stores.leases().holders("node-1/", restart)).containsExactly("node-1/41/x");
        assertThat(stores.leases().holders("node-3/", restart)).isEmpty();
        assertThat(stores.leases().expireHeldBy("node-1/41/x", restart)).isEqualTo(2);
        assertThat(stores.leases().holders("node-1/", restart)).isEmpty();

        // claimable at once, not after the TTL; the gone holder is fenced off; the other node's lease stands
        List<WorkLeases.Lease> taken = stores.leases().claim("node-1/42/z", TTL, restart, 10);
        assertThat(taken).extracting(WorkLeases.Lease::debateId).containsExactly(first.id(), second.id());
        assertThat(stores.leases().renew(a, TTL, restart)).isFalse();
        assertThat(stores.leases().expireHeldBy("node-1/41/x", restart)).isZero();
    }
}
