package com.consultaion.bootstrap.config;

import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.sse.StreamMetrics;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.AdminUsersUseCase;
import com.consultaion.application.port.in.AuditLogQuery;
import com.consultaion.application.port.in.CheckReadinessQuery;
import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.OperatorStatsQuery;
import com.consultaion.application.port.in.OpsSummaryQuery;
import com.consultaion.application.port.out.NodeStats;
import com.consultaion.application.service.AdminUsersService;
import com.consultaion.application.service.AuditLogService;
import com.consultaion.application.service.OperatorStatsService;
import com.consultaion.application.service.OpsSummaryService;
import com.consultaion.application.service.RateLimitService;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The ops summary: database aggregates from the stores, and this node's live numbers from its adapters. */
@Factory
final class OpsFactory {

    @Singleton
    OpsSummaryQuery opsSummary(
            JdbiStores stores,
            Consultaion consultaion,
            StreamMetrics streams,
            HikariDataSource pool,
            Optional<RateLimitService> rateLimits,
            DebateFactory.Models models,
            Clock clock) {
        NodeStats node = () -> {
            Map<String, Number> m = new LinkedHashMap<>();
            m.put("sse_open_streams", streams.openStreams());
            m.put("sse_subscribers_dropped", streams.subscribersDroppedForLag());
            var bean = pool.getHikariPoolMXBean();
            if (bean != null) {
                m.put("db_pool_active", bean.getActiveConnections());
                m.put("db_pool_idle", bean.getIdleConnections());
                m.put("db_pool_pending", bean.getThreadsAwaitingConnection());
            }
            m.put("db_pool_max", pool.getMaximumPoolSize());
            rateLimits.ifPresent(r -> {
                m.put("rate_limit_refusals", r.refusedCount());
                m.put("rate_limit_unchecked", r.uncheckedCount());
            });
            // Provider health: usable models, and per configured provider the models whose circuit is open.
            m.put("models_usable", models.catalogue().available().size());
            models.providers().forEach(p -> m.put("provider_" + p.provider() + "_open_circuits", p.openCircuits()));
            return m;
        };
        return new OpsSummaryService(stores.ops(), node, consultaion::activeDebates, clock);
    }

    @Singleton
    OperatorStatsQuery operatorStats(
            JdbiStores stores,
            CheckReadinessQuery readiness,
            ModelQueries models,
            Optional<RateLimitService> rateLimits,
            Settings.RateLimit limits,
            Clock clock) {
        return new OperatorStatsService(
                stores.ops(), readiness, models, rateLimits.orElse(null), limits.store(), clock);
    }

    @Singleton
    AdminUsersUseCase adminUsers(JdbiStores stores, Clock clock) {
        return new AdminUsersService(
                stores.ops(),
                stores.accounts().users(),
                stores.billing(),
                stores.accounts().audit(),
                clock);
    }

    @Singleton
    AuditLogQuery auditLog(JdbiStores stores, Clock clock) {
        return new AuditLogService(stores.accounts().audit(), clock);
    }
}
