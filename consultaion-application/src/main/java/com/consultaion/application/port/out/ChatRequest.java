package com.consultaion.application.port.out;

import java.util.List;
import java.util.Objects;

/** A chat completion to run on {@code model}. */
public record ChatRequest(
        String model, ChatTask task, List<ChatMessage> messages, double temperature, int maxOutputTokens) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request has at least one message");
        }
        if (!(temperature >= 0 && temperature <= 2) || maxOutputTokens < 1) {
            throw new IllegalArgumentException("temperature 0-2, maxOutputTokens >= 1");
        }
    }

    /** The same request for another model. */
    public ChatRequest withModel(String other) {
        return new ChatRequest(other, task, messages, temperature, maxOutputTokens);
    }

    /** Characters sent, for estimates. */
    public int inputLength() {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
    }
}
