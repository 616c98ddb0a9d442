package com.consultaion.application.port.out;

import com.consultaion.domain.debate.DebateId;
import java.time.Instant;
import java.util.Objects;

/**
 * A piece of a model call's answer while it is written, for live subscribers: never stored, never replayed, and
 * best effort (a lost piece is not sent again; the committed {@code message} event has the whole text).
 *
 * @param call the call's id (a fallback to another model is another call)
 * @param attempt 0, then 1, 2, … when the call started over after partial output (its text so far is void)
 * @param index the piece's place in its attempt, from 0
 * @param task what the call is for, in lower case ({@code draft}, {@code critique}, {@code judge}, …)
 * @param speaker who speaks: the agent, judge or seat, or "" (a synthesis)
 */
public record LiveText(
        DebateId debate,
        String call,
        int attempt,
        int index,
        String task,
        String speaker,
        String model,
        String text,
        Instant at) {

    public LiveText {
        Objects.requireNonNull(debate, "debate");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
