package com.consultaion.application.port.in;

import java.util.List;
import java.util.Objects;

/** The outcome of every readiness check; the node is ready only when all of them pass. */
public record ReadinessReport(List<Check> checks) {

    public ReadinessReport {
        checks = List.copyOf(checks);
    }

    public boolean ready() {
        return checks.stream().allMatch(Check::ok);
    }

    /** One named check with a short, non-sensitive explanation. */
    public record Check(String name, boolean ok, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
