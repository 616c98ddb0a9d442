package com.consultaion.application.port.out;

/**
 * The store cannot serve now (no connection could be had in time, the database is down). Transient: the caller
 * should retry later; the HTTP API answers 503 with Retry-After.
 */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
