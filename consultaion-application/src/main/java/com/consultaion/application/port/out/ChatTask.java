package com.consultaion.application.port.out;

/** Why a model is called; providers may use it for telemetry or defaults, the local model to pick its voice. */
public enum ChatTask {
    DRAFT,
    CRITIQUE,
    JUDGE,
    SYNTHESIS,
    SEAT,
    CHAIR,
    DELEGATE,
    SCRIBE,
    FACILITATOR
}
