package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.AccountStores;
import com.consultaion.adapter.persistence.Fixtures;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.ContentEraser;
import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.LoginThrottle;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The account store contracts (users, sessions, API keys, sign-in attempts, audit, erasure) on both adapters. */
class AccountStoresContractTest {

    static User user(String email) {
        return new User(
                new UserId(UUID.randomUUID()),
                new Email(email),
                "pbkdf2$x",
                Role.USER,
                User.Profile.EMPTY,
                true,
                T0,
                null);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void usersAreFoundByIdAndNormalisedEmailAndAnEmailHasOneAccount(StoreFactory factory) {
        UserRepository users = factory.create().accounts().users();
        User alice = user("alice@example.com");
        users.insert(alice);

        assertThat(users.findById(alice.id())).hasValue(alice);
        assertThat(users.findByEmail(new Email("  ALICE@example.com "))).hasValue(alice);
        assertThatThrownBy(() -> users.insert(user("Alice@Example.com")))
                .isInstanceOf(UserRepository.EmailTakenException.class);
        User updated = alice.withProfile(new User.Profile("Alice", null, "hello", "Europe/Paris", true, true));
        users.update(updated);
        assertThat(users.findById(alice.id())).hasValue(updated);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aRefreshTokenRotatesOnceAndRevocationEndsTheSession(StoreFactory factory) {
        AccountStores stores = factory.create().accounts();
        User alice = user("a@example.com");
        stores.users().insert(alice);
        SessionRepository sessions = stores.sessions();
        UUID session = UUID.randomUUID();
        byte[] first = {1, 2, 3};
        byte[] second = {4, 5, 6};
        sessions.create(session, alice.id(), first, T0, T0.plus(Duration.ofDays(30)));

        assertThat(sessions.findRefresh(first)).hasValueSatisfying(t -> {
            assertThat(t.sessionId()).isEqualTo(session);
            assertThat(t.rotatedAt()).isNull();
        });
        assertThat(sessions.rotate(first, second, T0.plusSeconds(1))).isTrue();
        assertThat(sessions.rotate(first, new byte[] {7}, T0.plusSeconds(2))).isFalse();
        assertThat(sessions.findRefresh(first).orElseThrow().rotatedAt()).isNotNull();
        assertThat(sessions.isActive(session, alice.id(), T0.plusSeconds(3))).isTrue();
        assertThat(sessions.isActive(session, new UserId(UUID.randomUUID()), T0.plusSeconds(3)))
                .isFalse();
        assertThat(sessions.isActive(session, alice.id(), T0.plus(Duration.ofDays(31))))
                .isFalse();

        sessions.revokeSession(session, T0.plusSeconds(4));

        assertThat(sessions.isActive(session, alice.id(), T0.plusSeconds(5))).isFalse();
        assertThat(sessions.findRefresh(second).orElseThrow().sessionRevokedAt())
                .isNotNull();
        assertThat(sessions.findRefresh(new byte[] {9})).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void apiKeysAreFoundByPrefixAndOnlyTheirOwnerCanRevokeThem(StoreFactory factory) {
        AccountStores stores = factory.create().accounts();
        User alice = user("a@example.com");
        User bob = user("b@example.com");
        stores.users().insert(alice);
        stores.users().insert(bob);
        ApiKeyRepository keys = stores.apiKeys();
        ApiKeyRepository.ApiKey key = new ApiKeyRepository.ApiKey(
                UUID.randomUUID(), alice.id(), "ci", "pk_abcdefghi", new byte[] {1, 2}, T0, null, null, null);
        keys.insert(key);

        assertThat(keys.findByPrefix("pk_abcdefghi"))
                .singleElement()
                .satisfies(k -> assertThat(k.id()).isEqualTo(key.id()));
        assertThat(keys.listForUser(bob.id())).isEmpty();
        assertThat(keys.revoke(key.id(), bob.id(), T0)).isFalse();
        keys.touch(key.id(), T0.plusSeconds(5));
        assertThat(keys.listForUser(alice.id()).get(0).lastUsedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(keys.revoke(key.id(), alice.id(), T0.plusSeconds(6))).isTrue();
        assertThat(keys.revoke(key.id(), alice.id(), T0.plusSeconds(7))).isFalse();
        assertThat(keys.listForUser(alice.id()).get(0).usableAt(T0.plusSeconds(8)))
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void signInAttemptsAreCountedAndReset(StoreFactory factory) {
        var attempts = factory.create().accounts().attempts();

        assertThat(attempts.get("k")).isEqualTo(LoginThrottle.Attempts.NONE);
        attempts.save("k", new LoginThrottle.Attempts(5, T0.plusSeconds(900)));
        assertThat(attempts.get("k")).isEqualTo(new LoginThrottle.Attempts(5, T0.plusSeconds(900)));
        attempts.reset("k");
        assertThat(attempts.get("k")).isEqualTo(LoginThrottle.Attempts.NONE);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void auditEntriesWithHostileTextAreRecorded(StoreFactory factory) {
        AuditTrail audit = factory.create().accounts().audit();

        audit.record(new AuditTrail.Entry(
                T0,
                null,
                "login_failed",
                "user",
                null,
                "127.0.0.1",
                "'; DROP TABLE audit_log; --",
                Map.of("k", "\" OR 1=1")));
        audit.record(new AuditTrail.Entry(T0, null, "login_failed", null, null, null, null, Map.of()));

        // Both were stored (the hostile text as data): retention finds exactly these two, older than T0 + 1 s.
        assertThat(audit.deleteBefore(T0)).isZero();
        assertThat(audit.deleteBefore(T0.plusSeconds(1))).isEqualTo(2);
        assertThat(audit.deleteBefore(T0.plusSeconds(1))).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void theEntriesAboutAPersonAreTheirActionsAndThoseOnTheirAccountNewestFirst(StoreFactory factory) {
        AuditTrail audit = factory.create().accounts().audit();
        UserId alice = new UserId(UUID.randomUUID());
        UserId admin = new UserId(UUID.randomUUID());
        audit.record(new AuditTrail.Entry(
                T0, alice, "api_key_created", "api_key", "k1", "203.0.113.1", "r1", Map.of("prefix", "pk_ab")));
        audit.record(new AuditTrail.Entry(
                T0.plusSeconds(1), admin, "plan_changed", "user", alice.toString(), null, null, Map.of("plan", "pro")));
        audit.record(new AuditTrail.Entry(
                T0.plusSeconds(2), admin, "plan_changed", "user", admin.toString(), null, null, Map.of()));
        audit.record(new AuditTrail.Entry(T0.plusSeconds(3), null, "login_failed", "user", null, null, null, Map.of()));

        List<AuditTrail.Entry> about = audit.about(alice, 10);
        assertThat(about).extracting(AuditTrail.Entry::action).containsExactly("plan_changed", "api_key_created");
        assertThat(about.get(0).userId()).isEqualTo(admin);
        assertThat(about.get(0).detail()).isEqualTo(Map.of("plan", "pro"));
        assertThat(about.get(1))
                .isEqualTo(new AuditTrail.Entry(
                        T0, alice, "api_key_created", "api_key", "k1", "203.0.113.1", "r1", Map.of("prefix", "pk_ab")));
        assertThat(audit.about(alice, 1)).hasSize(1);
        assertThat(audit.about(new UserId(UUID.randomUUID()), 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void theTrailIsSearchedByActorActionTargetAndTimeNewestFirstAndPaged(StoreFactory factory) {
        AuditTrail audit = factory.create().accounts().audit();
        UserId alice = new UserId(UUID.randomUUID());
        UserId admin = new UserId(UUID.randomUUID());
        for (int i = 0; i < 5; i++) {
            audit.record(new AuditTrail.Entry(
                    T0.plusSeconds(i), alice, "api_key_created", "api_key", "k" + i, null, null, Map.of()));
        }
        audit.record(new AuditTrail.Entry(
                T0.plusSeconds(10), admin, "user_disabled", "user", alice.toString(), "203.0.113.2", "r", Map.of()));

        AuditTrail.Page all = audit.search(AuditSearch.ALL, 4, 0);
        assertThat(all.total()).isEqualTo(6);
        assertThat(all.items())
                .extracting(AuditTrail.Entry::action)
                .containsExactly("user_disabled", "api_key_created", "api_key_created", "api_key_created");
        assertThat(audit.search(AuditSearch.ALL, 4, 4).items())
                .extracting(AuditTrail.Entry::targetId)
                .containsExactly("k1", "k0");
        assertThat(audit.search(new AuditSearch(admin, null, null, null, null, null), 10, 0)
                        .items())
                .singleElement()
                .satisfies(e -> assertThat(e.ip()).isEqualTo("203.0.113.2"));
        assertThat(audit.search(new AuditSearch(null, "api_key_created", "api_key", "k3", null, null), 10, 0)
                        .total())
                .isEqualTo(1);
        assertThat(audit.search(new AuditSearch(null, null, "user", alice.toString(), null, null), 10, 0)
                        .total())
                .isEqualTo(1);
        assertThat(audit.search(new AuditSearch(null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(3)), 10, 0)
                        .items())
                .extracting(AuditTrail.Entry::targetId)
                .containsExactly("k2", "k1");
        for (String hostile : List.of("%", "' OR 1=1 --", "api_key_created' --")) {
            assertThat(audit.search(new AuditSearch(null, hostile, null, null, null, null), 10, 0)
                            .total())
                    .as(hostile)
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void erasingAUsersContentRedactsPromptsAnswersVerdictsAndEventsOnce(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        User alice = user("a@example.com");
        stores.accounts().users().insert(alice);
        Debate mine = Debate.create(
                DebateId.random(),
                alice.id(),
                new Prompt("My private question about health"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                T0);
        stores.debates().insert(mine.recordEvents(1));
        stores.transcripts().addContributions(mine.id(), List.of(Fixtures.answer(0, "Analyst", "private answer")));
        stores.events()
                .append(List.of(new DebateEvent(
                        mine.id(),
                        1,
                        T0,
                        new EventPayload.Message(
                                1,
                                "draft",
                                "candidate",
                                "Analyst",
                                "local",
                                "local",
                                "private answer",
                                new EventPayload.UsageFields(1, 1, 0, true)))));
        Debate other = Fixtures.debate();
        stores.debates().insert(other);

        int erased = stores.accounts().eraser().eraseOwnedBy(alice.id(), T0.plusSeconds(10));

        assertThat(erased).isEqualTo(1);
        assertThat(stores.debates().findById(mine.id()).orElseThrow().prompt().text())
                .doesNotContain("health");
        assertThat(stores.transcripts().contributions(mine.id()))
                .extracting(c -> c.content())
                .containsExactly(ContentEraser.MARKER);
        assertThat(stores.events().readAfter(mine.id(), 0, 10))
                .extracting(e -> e.payload().fields().get("content"))
                .containsExactly(ContentEraser.MARKER);
        assertThat(stores.debates().findById(other.id()).orElseThrow().prompt()).isEqualTo(other.prompt());
        assertThat(stores.accounts().eraser().eraseOwnedBy(alice.id(), T0.plusSeconds(11)))
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void retentionErasesOnlyFinishedDebatesOlderThanTheCutoffInBatches(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        Debate oldDone1 = Fixtures.debate(T0);
        Debate oldDone2 = Fixtures.debate(T0.plusSeconds(1));
        Debate oldQueued = Fixtures.debate(T0.plusSeconds(2));
        Debate recent = Fixtures.debate(T0.plus(Duration.ofDays(400)));
        for (Debate d : List.of(oldDone1, oldDone2, oldQueued, recent)) {
            stores.debates().insert(d);
        }
        for (Debate d : List.of(oldDone1, oldDone2, recent)) {
            stores.debates().update(d.cancel(d.createdAt()));
        }
        ContentEraser eraser = stores.accounts().eraser();
        var cutoff = T0.plus(Duration.ofDays(365));

        // The dry run counts what the purge then erases: finished, old, not yet erased.
        assertThat(eraser.countFinishedBefore(cutoff)).isEqualTo(2);
        assertThat(eraser.eraseFinishedBefore(cutoff, 1, cutoff)).isEqualTo(1);
        assertThat(eraser.countFinishedBefore(cutoff)).isEqualTo(1);
        assertThat(eraser.eraseFinishedBefore(cutoff, 10, cutoff)).isEqualTo(1);
        assertThat(eraser.eraseFinishedBefore(cutoff, 10, cutoff)).isZero();
        assertThat(eraser.countFinishedBefore(cutoff)).isZero();
        assertThat(stores.debates().findById(oldQueued.id()).orElseThrow().prompt())
                .isEqualTo(oldQueued.prompt());
        assertThat(stores.debates().findById(recent.id()).orElseThrow().prompt())
                .isEqualTo(recent.prompt());
    }
}
