package com.consultaion.application.service;

import com.consultaion.application.port.in.CheckReadinessQuery;
import com.consultaion.application.port.in.ReadinessReport;
import com.consultaion.application.port.out.ReadinessProbe;
import java.util.List;

/** Use case: readiness is the conjunction of every registered probe; a probe that throws counts as down. */
public final class ReadinessService implements CheckReadinessQuery {

    private final List<ReadinessProbe> probes;

    public ReadinessService(List<ReadinessProbe> probes) {
        this.probes = List.copyOf(probes);
    }

    @Override
    public ReadinessReport checkReadiness() {
        if (probes.isEmpty()) {
            return new ReadinessReport(
                    List.of(new ReadinessReport.Check("probes", false, "no readiness probe is registered")));
        }
        return new ReadinessReport(probes.stream().map(ReadinessService::run).toList());
    }

    private static ReadinessReport.Check run(ReadinessProbe probe) {
        try {
            ReadinessProbe.Result result = probe.probe();
            return new ReadinessReport.Check(probe.name(), result.ok(), result.detail());
        } catch (RuntimeException e) {
            return new ReadinessReport.Check(
                    probe.name(), false, "probe failed: " + e.getClass().getSimpleName());
        }
    }
}
