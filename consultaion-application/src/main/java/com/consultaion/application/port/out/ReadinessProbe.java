package com.consultaion.application.port.out;

/**
 * Port out: one dependency this node needs before it can serve (the database, the schema, a model).
 * Implementations must return within a bounded time and never throw.
 */
public interface ReadinessProbe {

    String name();

    Result probe();

    /** What a probe found; {@code detail} is shown to operators, so it never carries secrets. */
    record Result(boolean ok, String detail) {
        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
