package com.consultaion.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.application.port.in.ReadinessReport;
import com.consultaion.application.port.out.ReadinessProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessServiceTest {

    private static ReadinessProbe probe(String name, ReadinessProbe.Result result) {
        return new ReadinessProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result probe() {
                return result;
            }
        };
    }

    @Test
    void readyOnlyWhenEveryProbePasses() {
        ReadinessReport report = new ReadinessService(List.of(
                        probe("database", ReadinessProbe.Result.up("ok")),
                        probe("models", ReadinessProbe.Result.down("none usable"))))
                .checkReadiness();

        assertThat(report.ready()).isFalse();
        assertThat(report.checks())
                .containsExactly(
                        new ReadinessReport.Check("database", true, "ok"),
                        new ReadinessReport.Check("models", false, "none usable"));
    }

    @Test
    void aProbeThatThrowsCountsAsDownWithoutLeakingItsMessage() {
        ReadinessProbe throwing = new ReadinessProbe() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public Result probe() {
                throw new IllegalStateException("password=hunter2");
            }
        };

        ReadinessReport report = new ReadinessService(List.of(throwing)).checkReadiness();

        assertThat(report.ready()).isFalse();
        assertThat(report.checks().get(0).detail()).isEqualTo("probe failed: IllegalStateException");
    }

    @Test
    void withoutAnyProbeTheNodeIsNotReady() {
        assertThat(new ReadinessService(List.of()).checkReadiness().ready()).isFalse();
    }
}
