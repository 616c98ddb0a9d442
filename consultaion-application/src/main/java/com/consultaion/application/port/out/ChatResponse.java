package com.consultaion.application.port.out;

import com.consultaion.domain.debate.Usage;
import java.util.Objects;

/** A model's answer: its text, which model and provider actually answered, and what it cost. */
public record ChatResponse(String content, String model, String provider, Usage usage) {

    public ChatResponse {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(usage, "usage");
    }
}
