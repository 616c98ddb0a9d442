package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.PurgeRetentionUseCase;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.service.RetentionService;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void thePurgeErasesOldFinishedDebatesAndOldAuditEntriesOnly() {
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        InMemoryStores stores = InMemoryStores.create();
        Debate old = Debate.create(
                DebateId.random(),
                null,
                new Prompt("An old question about pensions"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                now.minus(Duration.ofDays(400)));
        Debate fresh = Debate.create(
                DebateId.random(),
                null,
                new Prompt("A fresh question about pensions"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                now.minus(Duration.ofDays(10)));
        stores.debates().insert(old);
        stores.debates().insert(fresh);
        stores.debates().update(old.cancel(old.createdAt()));
        stores.debates().update(fresh.cancel(fresh.createdAt()));
        AuditTrail audit = stores.accounts().audit();
        audit.record(
                new AuditTrail.Entry(now.minus(Duration.ofDays(500)), null, "login", null, null, null, null, Map.of()));
        audit.record(
                new AuditTrail.Entry(now.minus(Duration.ofDays(5)), null, "login", null, null, null, null, Map.of()));

        RetentionService retention = new RetentionService(
                stores.accounts().eraser(),
                audit,
                Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofDays(365),
                Duration.ofDays(365));
        Requester admin = Requester.user(new UserId(UUID.randomUUID()), true);
        ClientContext client = new ClientContext("203.0.113.5", "req-9");

        // An operator's dry run says what the purge will do and does nothing; a user may not ask.
        assertThatThrownBy(() -> retention.preview(Requester.user(new UserId(UUID.randomUUID()), false), client))
                .isInstanceOf(PermissionDenied.class);
        assertThat(retention.preview(admin, client)).isEqualTo(new PurgeRetentionUseCase.Result(1, 1));
        assertThat(stores.debates().findById(old.id()).orElseThrow().prompt().text())
                .contains("pensions");

        PurgeRetentionUseCase.Result result = retention.purge(admin, client);

        assertThat(result).isEqualTo(new PurgeRetentionUseCase.Result(1, 1));
        assertThat(retention.preview(admin, client)).isEqualTo(new PurgeRetentionUseCase.Result(0, 0));
        assertThat(audit.search(new AuditSearch(admin.userId(), "retention_purge", null, null, null, null), 5, 0)
                        .items())
                .singleElement()
                .satisfies(e -> assertThat(e.ip()).isEqualTo("203.0.113.5"));
        assertThat(stores.debates().findById(old.id()).orElseThrow().prompt().text())
                .doesNotContain("pensions");
        assertThat(stores.debates().findById(fresh.id()).orElseThrow().prompt().text())
                .contains("pensions");
    }
}
