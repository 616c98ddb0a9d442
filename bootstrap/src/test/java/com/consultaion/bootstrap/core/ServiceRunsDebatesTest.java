package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.bootstrap.TestServers;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running service executes debates: worker, PostgreSQL stores and the local model, as wired by bootstrap. */
class ServiceRunsDebatesTest {

    @TempDir
    static Path dataDir;

    static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestServers.start(Map.of("consultaion.data-dir", dataDir.toString()))
                .getApplicationContext();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aDebateStartedThroughTheUseCaseCompletesAndIsStoredInPostgres() throws Exception {
        Debate started = context.getBean(StartDebateUseCase.class)
                .start(StartDebateCommand.of(
                        Requester.system(),
                        "Is remote work better for junior engineers?",
                        DebateMode.DEBATE,
                        DebateConfig.defaults("local")));

        Debate done = context.getBean(Consultaion.class).await(started.id(), Duration.ofSeconds(60));

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        GetTranscriptQuery.Transcript transcript = context.getBean(GetTranscriptQuery.class)
                .transcript(started.id(), Requester.system())
                .orElseThrow();
        assertThat(transcript.contributions()).extracting(c -> c.provider()).containsOnly("local");
        // 3 drafts + 3 revisions + the synthesis; 2 judges x 3 candidates
        assertThat(transcript.contributions()).hasSize(7);
        assertThat(transcript.verdicts()).hasSize(6);
        assertThat(transcript.ranking()).isPresent();
    }
}
