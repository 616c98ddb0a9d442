package com.consultaion.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateStatus;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddingExampleTest {

    @Test
    void theProgramRunsADebateToItsSynthesis() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Debate done = EmbeddingExample.run(
                "Should we adopt a four-day week?", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(out).contains(": COMPLETED", " scored ", "ranking: ", "synthesis:");
        assertThat(done.finalContent()).isPresent();
    }

    /** The embedding's class path is the core and the two adapters' jars: none of their optional technologies. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "org.jdbi.v3.core.Jdbi",
                "org.postgresql.Driver",
                "org.flywaydb.core.Flyway",
                "com.fasterxml.jackson.databind.ObjectMapper",
                "com.openai.client.OpenAIClient",
                "dev.failsafe.Failsafe",
                "io.micronaut.context.ApplicationContext",
                "org.slf4j.Logger"
            })
    void noOptionalTechnologyIsOnTheClassPath(String className) {
        assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theClassPathHoldsOnlyTheCoreAndItsTwoAdapters() {
        List<String> entries = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .filter(f -> !f.getPath().contains("examples" + File.separator + "embedding"))
                .map(EmbeddingExampleTest::artifactOf)
                .filter(n -> !TEST_TOOLS.matcher(n).lookingAt())
                .toList();
        assertThat(entries)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n)
                        .matches("(consultaion-domain|consultaion-application|adapter-persistence|adapter-llm)"
                                + "(-[0-9].*\\.jar)?"));
    }

    private static final Pattern TEST_TOOLS =
            Pattern.compile("junit|assertj|opentest4j|apiguardian|byte-buddy|surefire|common-|org\\.jacoco|jacoco");

    /** A reactor module's classes directory by the module's folder, a jar by its file name. */
    private static String artifactOf(File entry) {
        if (entry.isDirectory() && entry.getName().equals("classes") && entry.getParentFile() != null) {
            return entry.getParentFile().getParentFile().getName();
        }
        return entry.getName();
    }
}
