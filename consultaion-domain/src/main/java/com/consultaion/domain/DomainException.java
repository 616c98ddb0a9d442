package com.consultaion.domain;

/** A rule of the domain refused an operation; {@link #code()} is stable and shown to API clients. */
public class DomainException extends RuntimeException {

    private final String code;

    public DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
