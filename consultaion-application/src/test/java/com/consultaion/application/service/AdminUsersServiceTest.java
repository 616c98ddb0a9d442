package com.consultaion.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.QuotaPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AdminUsersServiceTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final ClientContext CLIENT = new ClientContext("203.0.113.7", "req-1");

    private final OpsStore ops = mock(OpsStore.class);
    private final UserRepository users = mock(UserRepository.class);
    private final BillingStore billing = mock(BillingStore.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final AdminUsersService service =
            new AdminUsersService(ops, users, billing, audit, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UserId adminId = new UserId(UUID.randomUUID());
    private final Requester admin = Requester.member(adminId, true, Set.of());
    private final User frank = new User(
            new UserId(UUID.randomUUID()),
            new Email("frank@example.com"),
            "pbkdf2$x",
            Role.USER,
            User.Profile.EMPTY,
            true,
            NOW,
            null);

    @Test
    void nobodyButAnAdminMayDoAnything() {
        Requester user = Requester.member(frank.id(), false, Set.of());
        assertThatThrownBy(() -> service.list(user, AccountSearch.ALL, 10, 0)).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> service.detail(user, frank.id())).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> service.setActive(user, frank.id(), false, CLIENT))
                .isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> service.promote(user, frank.id(), CLIENT)).isInstanceOf(PermissionDenied.class);
        verify(users, never()).update(any());
    }

    @Test
    void pagesAreBounded() {
        when(ops.users(AccountSearch.ALL, 10, 0)).thenReturn(new AccountSearch.Page(List.of(), 0));
        assertThat(service.list(admin, AccountSearch.ALL, 10, 0).total()).isZero();
        assertThatThrownBy(() -> service.list(admin, AccountSearch.ALL, 0, 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.list(admin, AccountSearch.ALL, 201, 0))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.list(admin, AccountSearch.ALL, 10, -1))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void disablingIsAuditedWithTheAdminAsActorAndAnAdminCannotDisableThemselves() {
        when(users.findById(frank.id())).thenReturn(Optional.of(frank));
        assertThat(service.setActive(admin, frank.id(), false, CLIENT))
                .hasValueSatisfying(u -> assertThat(u.active()).isFalse());
        ArgumentCaptor<AuditTrail.Entry> entry = ArgumentCaptor.forClass(AuditTrail.Entry.class);
        verify(audit).record(entry.capture());
        assertThat(entry.getValue().action()).isEqualTo("user_disabled");
        assertThat(entry.getValue().userId()).isEqualTo(adminId);
        assertThat(entry.getValue().targetId()).isEqualTo(frank.id().toString());
        assertThat(entry.getValue().ip()).isEqualTo("203.0.113.7");

        assertThatThrownBy(() -> service.setActive(admin, adminId, false, CLIENT))
                .isInstanceOf(PermissionDenied.class);
        assertThat(service.setActive(admin, new UserId(UUID.randomUUID()), true, CLIENT))
                .isEmpty();
    }

    @Test
    void detailAndPromotion() {
        when(users.findById(frank.id())).thenReturn(Optional.of(frank));
        when(billing.planOf(frank.id())).thenReturn("pro");
        when(billing.usage(any(), any(), any(), any(Integer.class), any()))
                .thenReturn(new QuotaPolicy.Usage(3, 10, 100, 1));
        when(billing.usage(any(), any(), any(), any(Integer.class))).thenCallRealMethod();
        when(billing.usageByModel(any(), any())).thenReturn(List.of());
        assertThat(service.detail(admin, frank.id())).hasValueSatisfying(d -> {
            assertThat(d.plan()).isEqualTo("pro");
            assertThat(d.quota().debatesThisMonth()).isEqualTo(3);
        });
        assertThat(service.promote(admin, frank.id(), CLIENT))
                .hasValueSatisfying(u -> assertThat(u.admin()).isTrue());
        assertThat(service.detail(admin, new UserId(UUID.randomUUID()))).isEmpty();
    }
}
