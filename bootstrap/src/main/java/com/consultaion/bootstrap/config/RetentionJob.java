package com.consultaion.bootstrap.config;

import com.consultaion.application.port.in.PurgeRetentionUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
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
}
