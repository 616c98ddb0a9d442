package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.domain.Nullable;

/** How one model call ended: an answer, or a failure whose reason names provider, model and cause. */
public sealed interface CallOutcome {

    ChatRequest request();

    /**
     * An answer; {@code replaced} is the failure of the model asked first when another model of the same tier
     * answered instead (a {@code fallback} event says so).
     */
    record Answered(
            ChatRequest request,
            ChatResponse response,
            @Nullable Failed replaced) implements CallOutcome {
        public Answered(ChatRequest request, ChatResponse response) {
            this(request, response, null);
        }
    }

    record Failed(ChatRequest request, String provider, String reason, boolean cancelled) implements CallOutcome {}
}
