package com.consultaion.bootstrap.config;

import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.application.port.in.PurgeRetentionUseCase;
import com.consultaion.application.service.RetentionService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the retention purge on a schedule (every node may; the purge is safe to run concurrently). */
@Singleton
@Requires(property = "consultaion.retention.enabled", notEquals = "false")
final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final PurgeRetentionUseCase retention;

    RetentionJob(PurgeRetentionUseCase retention) {
        this.retention = retention;
    }

    @Scheduled(
            fixedDelay = "${consultaion.retention.interval:6h}",
            initialDelay = "${consultaion.retention.initial-delay:10m}")
    void purge() {
        try {
            PurgeRetentionUseCase.Result result = retention.purge();
            LOG.info(
                    "retention purge: {} debate(s) erased, {} audit entr(ies) deleted",
                    result.debatesErased(),
                    result.auditEntriesDeleted());
        } catch (RuntimeException e) {
            LOG.warn("retention purge failed; it runs again at the next interval: {}", e.toString());
        }
    }

    /** The use case, with the periods from configuration. */
    @Factory
    static final class Wiring {
        @Singleton
        PurgeRetentionUseCase retention(
                JdbiStores stores,
                Clock clock,
                @Value("${consultaion.retention.debate-days:365}") int debateDays,
                @Value("${consultaion.retention.audit-days:365}") int auditDays) {
            return new RetentionService(
                    stores.accounts().eraser(),
                    stores.accounts().audit(),
                    clock,
                    Duration.ofDays(debateDays),
                    Duration.ofDays(auditDays));
        }
    }
}
