package com.consultaion.bootstrap.config;

import com.consultaion.adapter.llm.Catalogue;
import com.consultaion.adapter.llm.RoutingChatModel;
import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.llm.openai.OpenAiChatModel;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.persistence.jdbi.PostgresNotifyEventBus;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.adapter.sse.StreamMetrics;
import com.consultaion.adapter.sse.StreamRegistry;
import com.consultaion.adapter.sse.StreamSettings;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.Admission;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.PasswordHasher;
import com.consultaion.application.port.out.ReadinessProbe;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Tracing;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.bootstrap.StartupFailure;
import com.consultaion.bootstrap.db.DatabaseServer;
import com.consultaion.domain.plan.Plan;
import com.consultaion.domain.rating.Leaderboard;
import com.consultaion.domain.safety.PiiScrubber;
import com.consultaion.domain.safety.PiiScrubber.Kind;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.MDC;

/**
 * Wires the debate core for the service: PostgreSQL stores, the chat model, and a worker that starts with the
 * application and hands its debates back when it stops. The use cases are exposed as beans for the adapters.
 */
@Factory
final class DebateFactory {

    /** Signals reach this node's subscribers directly and other nodes' through PostgreSQL NOTIFY. */
    @Singleton
    @Bean(preDestroy = "close")
    PostgresNotifyEventBus eventBus(Jdbi jdbi, DatabaseServer database) {
        return new PostgresNotifyEventBus(jdbi, database::openConnection);
    }

    @Singleton
    StreamSettings streamSettings(Settings.Sse sse) {
        return new StreamSettings(
                sse.heartbeat(), sse.maxLifetime(), sse.maxStreamsPerIdentity(), 200, sse.maxBacklogBytes());
    }

    /** Stream opens queue for their turn instead of taking every database connection at once. */
    @Singleton
    @Named("stream-opens")
    Admission streamAdmission(Settings.Sse sse) {
        return admission("consultaion.sse.open-*", sse.openConcurrency(), sse.openQueueLimit(), sse.openQueueTimeout());
    }

    /** Debate starts, likewise: a thousand at once queue instead of failing when the pool's wait runs out. */
    @Singleton
    @Named("debate-starts")
    Admission startAdmission(Settings.Starts starts) {
        return admission(
                "consultaion.http.start-*",
                starts.startConcurrency(),
                starts.startQueueLimit(),
                starts.startQueueTimeout());
    }

    private static Admission admission(String settings, int concurrency, int queueLimit, Duration queueTimeout) {
        try {
            return new Admission(concurrency, queueLimit, queueTimeout);
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(settings + ": " + e.getMessage());
        }
    }

    /** Closing it ends every open stream cleanly when the node shuts down. */
    @Singleton
    @Bean(preDestroy = "close")
    StreamRegistry streamRegistry() {
        return new StreamRegistry();
    }

    @Singleton
    StreamMetrics streamMetrics() {
        return new StreamMetrics();
    }

    /** The chat models: the local one, and an OpenAI-compatible adapter per configured provider. */
    record Models(Catalogue catalogue, ChatModel chat, List<OpenAiChatModel> providers) implements AutoCloseable {
        @Override
        public void close() {
            providers.forEach(OpenAiChatModel::close);
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    Models models(
            Settings.LocalModel local,
            Settings.Models catalogue,
            List<ProviderProperties> configured,
            Settings.Safety safety,
            Telemetry telemetry) {
        try {
            return buildModels(
                    new LocalChatModel.Settings(
                            Duration.ofMillis(local.latencyMs()), local.failureRate(), local.failureSeed()),
                    catalogue.catalogueFile(),
                    catalogue.defaultModel(),
                    configured,
                    safety.piiScrubbing(),
                    safety.piiKinds(),
                    telemetry);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // A bad provider, catalogue or default model ends startup with one line that names it.
            throw new StartupFailure("model configuration: " + e.getMessage(), e);
        }
    }

    private static Models buildModels(
            LocalChatModel.Settings localSettings,
            String catalogueFile,
            String defaultModel,
            List<ProviderProperties> configured,
            boolean scrubbing,
            List<String> kinds,
            Telemetry telemetry) {
        List<ModelCatalog.Description> entries =
                Catalogue.read(catalogueFile.isBlank() ? null : Path.of(catalogueFile));
        Map<String, ModelCatalog.Description> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        Map<String, OpenAiChatModel> adapters = new LinkedHashMap<>();
        for (ProviderProperties p : configured) {
            adapters.put(
                    p.getName(),
                    new OpenAiChatModel(
                            p.settings(),
                            m -> {
                                ModelCatalog.Description d = byId.get(m);
                                return new ChatModel.ModelInfo(
                                        m,
                                        p.getName(),
                                        d == null ? 0 : d.costPer1kInput(),
                                        d == null ? 0 : d.costPer1kOutput());
                            },
                            telemetry));
        }
        Catalogue catalogue = new Catalogue(
                entries,
                adapters.keySet(),
                model -> {
                    ModelCatalog.Description d = byId.get(model);
                    OpenAiChatModel adapter = d == null ? null : adapters.get(d.provider());
                    return adapter == null ? "closed" : adapter.circuit(model).wireName();
                },
                defaultModel);
        ChatModel local = new LocalChatModel(localSettings);
        return new Models(
                catalogue,
                new RoutingChatModel(
                        local,
                        Map.copyOf(adapters),
                        catalogue,
                        scrubbing
                                ? new PiiScrubber(
                                        kinds.stream().map(Kind::parse).collect(Collectors.toSet()))
                                : PiiScrubber.NONE),
                List.copyOf(adapters.values()));
    }

    @Singleton
    ChatModel chatModel(Models models) {
        return models.chat();
    }

    @Singleton
    JdbiStores stores(Jdbi jdbi, SchemaMigrations migrated, DebateEventBus bus) {
        return JdbiStores.create(jdbi, bus);
    }

    @Singleton
    ModelCatalog modelCatalog(Models models) {
        return models.catalogue();
    }

    /** Created at startup, after the schema is migrated; closing it stops the worker. */
    @Context
    @Bean(preDestroy = "close")
    Consultaion consultaion(
            JdbiStores stores,
            ModelCatalog models,
            ChatModel chatModel,
            Settings.Worker worker,
            Settings.Leaderboard boards,
            Settings.Retention retention,
            Settings.Sse sse,
            PasswordHasher hasher,
            List<ReadinessProbe> probes,
            Telemetry telemetry,
            Tracing tracing,
            Environment environment) {
        NodeIdentity node = NodeIdentity.of(
                worker.nodeId(), ManagementFactory.getRuntimeMXBean().getName());
        String owner = node.owner(UUID.randomUUID().toString().substring(0, 8));
        return Consultaion.builder()
                .chatModel(chatModel)
                .stores(stores)
                .audit(stores.accounts().audit())
                .accounts(stores.accounts(), hasher)
                .retention(Duration.ofDays(retention.debateDays()), Duration.ofDays(retention.auditDays()))
                .readiness(probes)
                .models(models)
                .worker(new DebateWorker.Settings(
                        owner,
                        worker.maxConcurrent(),
                        worker.leaseTtl(),
                        worker.heartbeat(),
                        worker.poll(),
                        node.predecessors()))
                .startWorker(worker.enabled())
                .leaderboard(new Leaderboard.Settings(
                        boards.bootstrapRounds(),
                        Leaderboard.Settings.DEFAULT.seed(),
                        Leaderboard.Settings.DEFAULT.prior()))
                .leaderboardRefreshDelay(boards.refreshDelay())
                .liveText(sse.liveText())
                .plans(PlanSettings.plans(environment), Plan.DEFAULT_SLUG)
                .telemetry(telemetry)
                .tracing(tracing)
                .logContext((key, value) -> {
                    MDC.put(key, value);
                    return () -> MDC.remove(key);
                })
                .build();
    }
}
