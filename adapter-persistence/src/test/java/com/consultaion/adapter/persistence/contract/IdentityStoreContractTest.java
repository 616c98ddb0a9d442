package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.AccountStores;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.IdentityStore;
import com.consultaion.domain.account.User;
import com.consultaion.domain.team.Team;
import com.consultaion.domain.team.TeamRole;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The IdentityStore contract: a credential's holder and their teams, as the separate repositories hold them. */
class IdentityStoreContractTest {

    private static User stored(AccountStores stores, String email) {
        User user = AccountStoresContractTest.user(email);
        stores.users().insert(user);
        return user;
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aKeyComesWithItsHolderAndTheirTeamsAndStaysAsStored(StoreFactory factory) {
        AccountStores stores = factory.create().accounts();
        User alice = stored(stores, "alice@example.com");
        User bob = stored(stores, "bob@example.com");
        Team research = new Team(UUID.randomUUID(), "Research", T0);
        Team ops = new Team(UUID.randomUUID(), "Ops", T0);
        stores.teams().create(research, alice.id(), T0);
        stores.teams().create(ops, bob.id(), T0);
        ApiKeyRepository.ApiKey key = new ApiKeyRepository.ApiKey(
                UUID.randomUUID(), alice.id(), "ci", "pk_abcdefghi", new byte[] {1, 2}, T0, null, null, null);
        stores.apiKeys().insert(key);
        stores.apiKeys().touch(key.id(), T0.plusSeconds(3));

        assertThat(stores.identities().keysByPrefix("pk_abcdefghi"))
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.key().id()).isEqualTo(key.id());
                    assertThat(k.key().userId()).isEqualTo(alice.id());
                    assertThat(k.key().hash()).containsExactly(1, 2);
                    assertThat(k.key().lastUsedAt()).isEqualTo(T0.plusSeconds(3));
                    assertThat(k.holder()).isEqualTo(new IdentityStore.Identity(alice, Set.of(research.id())));
                });
        assertThat(stores.identities().keysByPrefix("pk_zzzzzzzzz")).isEmpty();

        stores.apiKeys().revoke(key.id(), alice.id(), T0.plusSeconds(4));
        assertThat(stores.identities().keysByPrefix("pk_abcdefghi"))
                .singleElement()
                .satisfies(k -> assertThat(k.key().revokedAt()).isEqualTo(T0.plusSeconds(4)));
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aSessionHasAHolderOnlyWhileActiveAndOnlyForItsOwnUser(StoreFactory factory) {
        AccountStores stores = factory.create().accounts();
        User alice = stored(stores, "alice@example.com");
        User bob = stored(stores, "bob@example.com");
        UUID session = UUID.randomUUID();
        stores.sessions().create(session, alice.id(), new byte[] {7}, T0, T0.plus(Duration.ofDays(1)));

        assertThat(stores.identities().sessionHolder(session, alice.id(), T0.plusSeconds(1)))
                .hasValue(new IdentityStore.Identity(alice, Set.of()));
        assertThat(stores.identities().sessionHolder(session, bob.id(), T0.plusSeconds(1)))
                .as("another user's session")
                .isEmpty();
        assertThat(stores.identities().sessionHolder(UUID.randomUUID(), alice.id(), T0.plusSeconds(1)))
                .isEmpty();
        assertThat(stores.identities().sessionHolder(session, alice.id(), T0.plus(Duration.ofDays(2))))
                .as("expired")
                .isEmpty();

        Team research = new Team(UUID.randomUUID(), "Research", T0);
        stores.teams().create(research, bob.id(), T0);
        stores.teams().upsertMember(research.id(), alice.id(), TeamRole.VIEWER, T0);
        assertThat(stores.identities().sessionHolder(session, alice.id(), T0.plusSeconds(2)))
                .map(IdentityStore.Identity::teams)
                .hasValue(Set.of(research.id()));

        stores.sessions().revokeSession(session, T0.plusSeconds(3));
        assertThat(stores.identities().sessionHolder(session, alice.id(), T0.plusSeconds(4)))
                .as("revoked")
                .isEmpty();
    }
}
