package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;

/**
 * A model call failed. The message names provider, model, HTTP status (when there was one) and the reason, so
 * the user sees what went wrong instead of a generic error; it never contains keys or prompts.
 */
public class ChatModelException extends RuntimeException {

    private final String provider;
    private final String model;
    private final @Nullable Integer httpStatus;
    private final String reason;

    public ChatModelException(String provider, String model, @Nullable Integer httpStatus, String reason) {
        super(provider + "/" + model + (httpStatus == null ? "" : " HTTP " + httpStatus) + ": " + reason);
        this.provider = provider;
        this.model = model;
        this.httpStatus = httpStatus;
        this.reason = reason;
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    public @Nullable Integer httpStatus() {
        return httpStatus;
    }

    public String reason() {
        return reason;
    }
}
