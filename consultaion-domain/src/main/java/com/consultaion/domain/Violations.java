package com.consultaion.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every broken invariant of an input before failing, so a client learns all of them at once. */
public final class Violations {

    private final List<ValidationException.FieldError> errors = new ArrayList<>();

    public Violations add(String field, String code, String message) {
        errors.add(new ValidationException.FieldError(field, code, message));
        return this;
    }

    public Violations check(boolean ok, String field, String code, String message) {
        if (!ok) {
            add(field, code, message);
        }
        return this;
    }

    /** Builds a value, recording its errors under {@code prefix} instead of failing; null when it failed. */
    public <T> @Nullable T capture(String prefix, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (ValidationException e) {
            for (ValidationException.FieldError error : e.errors()) {
                String field = error.field().isEmpty()
                        ? prefix
                        : prefix.isEmpty() ? error.field() : prefix + "." + error.field();
                errors.add(new ValidationException.FieldError(field, error.code(), error.message()));
            }
            return null;
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
