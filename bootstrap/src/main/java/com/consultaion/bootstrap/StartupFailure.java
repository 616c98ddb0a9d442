package com.consultaion.bootstrap;

/**
 * A configuration or environment problem that stops startup. Its message is the one line an operator
 * sees: it names the problem and the fix, and never contains a secret.
 */
public final class StartupFailure extends RuntimeException {

    public StartupFailure(String message) {
        super(message, null, false, false);
    }

    public StartupFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
