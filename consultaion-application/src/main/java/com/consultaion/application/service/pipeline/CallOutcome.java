package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;

/** How one model call ended: an answer, or a failure whose reason names provider, model and cause. */
public sealed interface CallOutcome {

    ChatRequest request();

    record Answered(ChatRequest request, ChatResponse response) implements CallOutcome {}

    record Failed(ChatRequest request, String provider, String reason, boolean cancelled) implements CallOutcome {}
}
