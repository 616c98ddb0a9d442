package com.consultaion.bootstrap.config;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.llm.local.LocalModelCatalog;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.BillingQueries;
import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.ListDebatesQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.RecomputeRatingsUseCase;
import com.consultaion.application.port.in.RetryDebateUseCase;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.domain.plan.Plan;
import com.consultaion.domain.rating.Leaderboard;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the debate core for the service: PostgreSQL stores, the chat model, and a worker that starts with the
 * application and hands its debates back when it stops. The use cases are exposed as beans for the adapters.
 */
@Factory
final class DebateFactory {

    /** Signals reach this node's subscribers directly and other nodes' through PostgreSQL NOTIFY. */
    @Singleton
    @Bean(preDestroy = "close")
    com.consultaion.adapter.persistence.jdbi.PostgresNotifyEventBus eventBus(
            Jdbi jdbi, com.consultaion.bootstrap.db.DatabaseServer database) {
        return new com.consultaion.adapter.persistence.jdbi.PostgresNotifyEventBus(jdbi, database::openConnection);
    }

    @Singleton
    com.consultaion.adapter.sse.StreamSettings streamSettings(
            @Value("${consultaion.sse.heartbeat:15s}") Duration heartbeat,
            @Value("${consultaion.sse.max-lifetime:1h}") Duration maxLifetime,
            @Value("${consultaion.sse.max-streams-per-identity:10}") int maxStreams) {
        return new com.consultaion.adapter.sse.StreamSettings(heartbeat, maxLifetime, maxStreams, 200);
    }

    /** Closing it ends every open stream cleanly when the node shuts down. */
    @Singleton
    @Bean(preDestroy = "close")
    com.consultaion.adapter.sse.StreamRegistry streamRegistry() {
        return new com.consultaion.adapter.sse.StreamRegistry();
    }

    @Singleton
    com.consultaion.adapter.sse.StreamMetrics streamMetrics() {
        return new com.consultaion.adapter.sse.StreamMetrics();
    }

    @Singleton
    ChatModel chatModel(
            @Value("${consultaion.local-model.latency-ms:0}") long latencyMs,
            @Value("${consultaion.local-model.failure-rate:0}") double failureRate) {
        return new LocalChatModel(new LocalChatModel.Settings(Duration.ofMillis(latencyMs), failureRate));
    }

    @Singleton
    JdbiStores stores(Jdbi jdbi, SchemaMigrations migrated, DebateEventBus bus) {
        return JdbiStores.create(jdbi, bus);
    }

    @Singleton
    ModelCatalog modelCatalog() {
        return new LocalModelCatalog();
    }

    /** Created at startup, after the schema is migrated; closing it stops the worker. */
    @Context
    @Bean(preDestroy = "close")
    Consultaion consultaion(
            JdbiStores stores,
            ModelCatalog models,
            ChatModel chatModel,
            @Value("${consultaion.worker.max-concurrent:2000}") int maxConcurrent,
            @Value("${consultaion.worker.lease-ttl:30s}") Duration leaseTtl,
            @Value("${consultaion.worker.heartbeat:10s}") Duration heartbeat,
            @Value("${consultaion.worker.poll:1s}") Duration poll,
            @Value("${consultaion.worker.enabled:true}") boolean workerEnabled,
            @Value("${consultaion.leaderboard.bootstrap-rounds:1000}") int bootstrapRounds,
            Telemetry telemetry,
            com.consultaion.application.port.out.Tracing tracing,
            io.micronaut.context.env.Environment environment) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        return Consultaion.builder()
                .chatModel(chatModel)
                .stores(stores)
                .models(models)
                .worker(new DebateWorker.Settings(owner, maxConcurrent, leaseTtl, heartbeat, poll))
                .startWorker(workerEnabled)
                .leaderboard(new Leaderboard.Settings(
                        bootstrapRounds, Leaderboard.Settings.DEFAULT.seed(), Leaderboard.Settings.DEFAULT.prior()))
                .plans(PlanSettings.plans(environment), Plan.DEFAULT_SLUG)
                .telemetry(telemetry)
                .tracing(tracing)
                .logContext((key, value) -> {
                    org.slf4j.MDC.put(key, value);
                    return () -> org.slf4j.MDC.remove(key);
                })
                .build();
    }

    @Singleton
    BillingQueries billing(Consultaion consultaion) {
        return consultaion.billingQueries();
    }

    @Singleton
    LeaderboardQueries leaderboard(Consultaion consultaion) {
        return consultaion.leaderboardQueries();
    }

    @Singleton
    RecomputeRatingsUseCase recomputeRatings(Consultaion consultaion) {
        return consultaion.recomputeRatingsUseCase();
    }

    @Singleton
    StartDebateUseCase startDebate(Consultaion consultaion) {
        return consultaion.startDebateUseCase();
    }

    @Singleton
    GetDebateQuery getDebate(Consultaion consultaion) {
        return consultaion.getDebateQuery();
    }

    @Singleton
    ListDebatesQuery listDebates(Consultaion consultaion) {
        return consultaion.listDebatesQuery();
    }

    @Singleton
    GetTranscriptQuery getTranscript(Consultaion consultaion) {
        return consultaion.getTranscriptQuery();
    }

    @Singleton
    ReadDebateEventsQuery readEvents(Consultaion consultaion) {
        return consultaion.readDebateEventsQuery();
    }

    @Singleton
    CancelDebateUseCase cancelDebate(Consultaion consultaion) {
        return consultaion.cancelDebateUseCase();
    }

    @Singleton
    RetryDebateUseCase retryDebate(Consultaion consultaion) {
        return consultaion.retryDebateUseCase();
    }
}
