package com.consultaion.examples.embedding;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.Consultaion;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.Verdict;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A debate run inside a plain Java program: no framework, no database, no network. The in-memory stores keep
 * everything for the life of the process; the local model answers offline. Replace {@code new LocalChatModel()}
 * with your own {@code ChatModel} (one method) to use a real model.
 */
public final class EmbeddingExample {

    private EmbeddingExample() {}

    public static void main(String[] args) throws TimeoutException {
        String question = args.length > 0 ? String.join(" ", args) : "Should our team adopt a four-day week?";
        run(question, System.out);
    }

    /** Runs one debate on {@code question} and prints its outcome; returns the finished debate. */
    public static Debate run(String question, PrintStream out) throws TimeoutException {
        try (Consultaion consultaion = Consultaion.builder()
                .chatModel(new LocalChatModel())
                .stores(InMemoryStores.create())
                .build()) {
            Debate done = consultaion.startAndAwait(question, Duration.ofMinutes(2));
            out.println("debate " + done.id().value() + ": " + done.status());
            GetTranscriptQuery.Transcript transcript =
                    consultaion.transcript(done.id()).orElseThrow();
            for (Verdict v : transcript.verdicts()) {
                if (v.verdict() instanceof JudgeVerdict.Parsed parsed) {
                    out.printf("  %s scored %s: %.2f%n", v.judge(), v.candidate(), parsed.score());
                }
            }
            transcript.ranking().ifPresent(r -> out.println("ranking: " + String.join(" > ", r.order())));
            out.println("synthesis:");
            out.println(done.finalContent().orElse("(none)"));
            return done;
        }
    }
}
