package com.consultaion.application.port.out;

import java.util.List;
import java.util.Objects;

/**
 * A chat completion to run on {@code model}. {@code speaker}: who speaks through it (an agent's, judge's or seat's
 * name; "" when nobody in particular), for live viewers.
 */
public record ChatRequest(
        String model,
        ChatTask task,
        List<ChatMessage> messages,
        double temperature,
        int maxOutputTokens,
        String speaker) {

    public ChatRequest(
            String model, ChatTask task, List<ChatMessage> messages, double temperature, int maxOutputTokens) {
        this(model, task, messages, temperature, maxOutputTokens, "");
    }

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(speaker, "speaker");
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
        return new ChatRequest(other, task, messages, temperature, maxOutputTokens, speaker);
    }

    /** The same request, spoken by {@code name}. */
    public ChatRequest spokenBy(String name) {
        return new ChatRequest(model, task, messages, temperature, maxOutputTokens, name);
    }

    /** Characters sent, for estimates. */
    public int inputLength() {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
    }
}
