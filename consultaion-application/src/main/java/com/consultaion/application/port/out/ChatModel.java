package com.consultaion.application.port.out;

import java.util.concurrent.CompletableFuture;

/**
 * Port out: a large language model behind a chat-completion interface. Implementations answer asynchronously so
 * that a timeout or a cancellation ({@code future.cancel(true)}) really cuts the call short; a failure completes
 * the future with a {@link ChatModelException}. The core calls each request on its own virtual thread, so a
 * simple blocking implementation still runs in parallel.
 */
@FunctionalInterface
public interface ChatModel {

    CompletableFuture<ChatResponse> complete(ChatRequest request);

    /**
     * The same call, reporting the answer's text to {@code sink} as it arrives (a model that streams), and
     * {@link TokenSink#restart()} when it starts over after partial output. By default nothing is reported.
     */
    default CompletableFuture<ChatResponse> complete(ChatRequest request, TokenSink sink) {
        return complete(request);
    }

    /** Price and provider of a model, for budget estimates; unknown models are free and "unknown". */
    default ModelInfo describe(String model) {
        return new ModelInfo(model, "unknown", 0, 0);
    }

    /** What the core needs to know about a model before calling it. */
    record ModelInfo(String model, String provider, double costPer1kInput, double costPer1kOutput) {

        /** What a call with these token counts costs, in USD, at this model's prices. */
        public double costUsd(long inputTokens, long outputTokens) {
            return inputTokens / 1000.0 * costPer1kInput + outputTokens / 1000.0 * costPer1kOutput;
        }
    }
}
