package com.consultaion.bootstrap.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.bootstrap.Application;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node is killed (SIGKILL) in the middle of a stage; another node on the same database takes the debate over
 * when the lease expires and finishes it, with no duplicate contribution and a gap-free event sequence.
 */
class CrashRecoveryTest {

    static EmbeddedPostgres postgres;
    static Jdbi jdbi;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        new SchemaMigrations(postgres.getPostgresDatabase()).migrate();
        jdbi = Jdbi.create(postgres.getPostgresDatabase()).installPlugin(new PostgresPlugin());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aDebateWhoseNodeWasKilledMidStageIsFinishedByAnotherNodeWithoutDuplicates() throws Exception {
        // The client side: queues the debate but runs no worker of its own yet.
        Consultaion client = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(JdbiStores.create(jdbi, new InMemoryDebateEventBus()))
                .startWorker(false)
                .build();
        Debate started = client.start("Should a hospital move its records to a public cloud?");

        Process node = startNode();
        try {
            // wait until the child has committed the drafts and is inside the critique stage
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> client.get(started.id()).orElseThrow().nextStage() == 1);
        } finally {
            node.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
            node.waitFor();
        }
        assertThat(client.get(started.id()).orElseThrow().status()).isEqualTo(DebateStatus.RUNNING);

        try (Consultaion survivor = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(JdbiStores.create(jdbi, new InMemoryDebateEventBus()))
                .worker(new DebateWorker.Settings(
                        "survivor", 10, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(200)))
                .build()) {
            Debate done = survivor.await(started.id(), Duration.ofSeconds(60));

            assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
            GetTranscriptQuery.Transcript transcript =
                    survivor.transcript(done.id()).orElseThrow();
            List<String> keys = transcript.contributions().stream()
                    .map(c -> c.stage() + "/" + c.agent())
                    .toList();
            assertThat(keys).doesNotHaveDuplicates().hasSize(7);
            assertThat(transcript.contributions().stream()
                            .collect(Collectors.groupingBy(Contribution::stage, Collectors.counting())))
                    .containsEntry(0, 3L)
                    .containsEntry(1, 3L)
                    .containsEntry(3, 1L);
            List<DebateEvent> events = survivor.events(done.id(), 0);
            assertThat(events)
                    .extracting(DebateEvent::seq)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events).filteredOn(DebateEvent::terminal).hasSize(1);
            assertThat(events)
                    .extracting(DebateEvent::payload)
                    .anySatisfy(p -> assertThat(p)
                            .isInstanceOfSatisfying(
                                    EventPayload.Notice.class,
                                    n -> assertThat(n.message()).startsWith("resumed")));
        } finally {
            client.close();
        }
    }

    /**
     * The same node restarted after SIGKILL (same host, a new pid) finds the leases its previous process still
     * holds and resumes those debates at once, not after the lease TTL (60 s here: the debate could not be
     * finished within 40 s if it waited for it).
     */
    @Test
    void aNodeRestartedAfterSigkillResumesItsOwnDebatesAtOnceNotAfterTheLeaseTtl() throws Exception {
        try (Consultaion client = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(JdbiStores.create(jdbi, new InMemoryDebateEventBus()))
                .startWorker(false)
                .build()) {
            Debate started = client.start("Should a city library lend out power tools?");
            Process first = startNode("60s");
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> client.get(started.id()).orElseThrow().nextStage() == 1);
            } finally {
                first.destroyForcibly();
                first.waitFor();
            }
            Process again = startNode("60s");
            try {
                Debate done = client.await(started.id(), Duration.ofSeconds(40));

                assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
                List<String> keys = client.transcript(done.id()).orElseThrow().contributions().stream()
                        .map(c -> c.stage() + "/" + c.agent())
                        .toList();
                assertThat(keys).doesNotHaveDuplicates().hasSize(7);
                assertThat(client.events(done.id(), 0))
                        .extracting(DebateEvent::payload)
                        .anySatisfy(p -> assertThat(p)
                                .isInstanceOfSatisfying(
                                        EventPayload.Notice.class,
                                        n -> assertThat(n.message()).startsWith("resumed")));
            } finally {
                again.destroyForcibly();
                again.waitFor();
            }
        }
    }

    private static Process startNode() throws Exception {
        return startNode("3s");
    }

    /** The real service in a child JVM on the same database, with a slow local model and short leases. */
    private static Process startNode(String leaseTtl) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Application.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        builder.environment().put("PORT", "0");
        builder.environment().put("LOCAL_MODEL_LATENCY_MS", "1500");
        builder.environment().put("WORKER_LEASE_TTL", leaseTtl);
        builder.environment().put("WORKER_HEARTBEAT", "1s");
        builder.environment().put("WORKER_POLL", "200ms");
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.environment().put("ACCESS_LOG_LEVEL", "OFF");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }
}
