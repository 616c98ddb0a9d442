package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.Fixtures;
import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.team.Membership;
import com.consultaion.domain.team.Team;
import com.consultaion.domain.team.TeamMember;
import com.consultaion.domain.team.TeamRole;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TeamRepository contract, and debates shared with a team, on both adapters. */
class TeamRepositoryContractTest {

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aTeamHasItsCreatorAsOwnerAndMembersWithRoles(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        User alice = AccountStoresContractTest.user("alice@example.com");
        User bob = AccountStoresContractTest.user("bob@example.com");
        stores.accounts().users().insert(alice);
        stores.accounts().users().insert(bob);
        TeamRepository teams = stores.accounts().teams();
        Team team = new Team(UUID.randomUUID(), "Research", T0);

        teams.create(team, alice.id(), T0);
        teams.upsertMember(team.id(), bob.id(), TeamRole.VIEWER, T0.plusSeconds(1));
        teams.upsertMember(team.id(), bob.id(), TeamRole.EDITOR, T0.plusSeconds(2));

        assertThat(teams.findById(team.id())).hasValue(team);
        assertThat(teams.roleOf(team.id(), alice.id())).hasValue(TeamRole.OWNER);
        assertThat(teams.roleOf(team.id(), bob.id())).hasValue(TeamRole.EDITOR);
        assertThat(teams.teamsOf(bob.id())).containsExactly(new Membership(team, TeamRole.EDITOR));
        assertThat(teams.members(team.id())).extracting(TeamMember::email).containsExactly(alice.email(), bob.email());
        assertThat(teams.roleOf(UUID.randomUUID(), alice.id())).isEmpty();
        assertThat(stores.transactions().inTransaction(() -> teams.lockRoles(team.id())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(alice.id(), TeamRole.OWNER, bob.id(), TeamRole.EDITOR));
        assertThat(stores.transactions().inTransaction(() -> teams.lockRoles(UUID.randomUUID())))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aDebateSharedWithATeamIsListedForItsMembers(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        User alice = AccountStoresContractTest.user("alice@example.com");
        stores.accounts().users().insert(alice);
        Team team = new Team(UUID.randomUUID(), "Research", T0);
        stores.accounts().teams().create(team, alice.id(), T0);
        Debate shared = Fixtures.debate();
        Debate other = Fixtures.debate(T0.plusSeconds(1));
        stores.debates().insert(shared);
        stores.debates().insert(other);

        assertThat(stores.debates().shareWith(shared.id(), team.id())).isTrue();
        // a run-state write from a stale copy (a worker's) keeps the sharing
        Debate afterWorker = stores.debates().update(shared.start(T0.plusSeconds(6)));

        assertThat(afterWorker.teamId()).hasValue(team.id());
        assertThat(stores.debates().findById(shared.id()).orElseThrow().teamId())
                .hasValue(team.id());
        var someone = new UserId(UUID.randomUUID());
        assertThat(stores.debates()
                        .page(someone, Set.of(team.id()), null, null, 10, 0)
                        .items())
                .extracting(Debate::id)
                .containsExactly(shared.id());
        assertThat(stores.debates().page(someone, Set.of(), null, null, 10, 0).items())
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aLeavingUserTakesTheNamesOfTheirOwnTeamsAndHandsOwnershipToTheLongestStandingMember(StoreFactory factory) {
        PersistenceStores stores = factory.create();
        User alice = AccountStoresContractTest.user("alice@example.com");
        User bob = AccountStoresContractTest.user("bob@example.com");
        User carol = AccountStoresContractTest.user("carol@example.com");
        stores.accounts().users().insert(alice);
        stores.accounts().users().insert(bob);
        stores.accounts().users().insert(carol);
        TeamRepository teams = stores.accounts().teams();
        Team hers = new Team(UUID.randomUUID(), "Alice's secret project", T0);
        Team bobs = new Team(UUID.randomUUID(), "Bob's team", T0);
        teams.create(hers, alice.id(), T0);
        teams.upsertMember(hers.id(), carol.id(), TeamRole.VIEWER, T0.plusSeconds(1));
        teams.upsertMember(hers.id(), bob.id(), TeamRole.EDITOR, T0.plusSeconds(2));
        teams.create(bobs, bob.id(), T0);
        teams.upsertMember(bobs.id(), alice.id(), TeamRole.EDITOR, T0.plusSeconds(1));

        assertThat(stores.transactions().inTransaction(() -> teams.leaveAll(alice.id(), "[deleted]")))
                .isEqualTo(2);

        assertThat(teams.findById(hers.id()).orElseThrow().name()).isEqualTo("[deleted]");
        assertThat(teams.findById(bobs.id()).orElseThrow().name()).isEqualTo("Bob's team");
        assertThat(teams.roleOf(hers.id(), alice.id())).isEmpty();
        assertThat(teams.roleOf(bobs.id(), alice.id())).isEmpty();
        assertThat(teams.roleOf(hers.id(), carol.id())).hasValue(TeamRole.OWNER); // the longest-standing member
        assertThat(teams.roleOf(hers.id(), bob.id())).hasValue(TeamRole.EDITOR);
        assertThat(teams.roleOf(bobs.id(), bob.id())).hasValue(TeamRole.OWNER);
    }
}
