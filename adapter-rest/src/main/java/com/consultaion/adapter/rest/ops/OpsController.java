package com.consultaion.adapter.rest.ops;

import com.consultaion.application.port.in.CheckReadinessQuery;
import com.consultaion.application.port.in.ReadinessReport;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness, readiness and version: public, cheap, and free of secrets. */
@Controller
final class OpsController {

    private final CheckReadinessQuery readiness;
    private final BuildInfo buildInfo;

    OpsController(CheckReadinessQuery readiness, BuildInfo buildInfo) {
        this.readiness = readiness;
        this.buildInfo = buildInfo;
    }

    /** The process is up and serving HTTP; says nothing about its dependencies. */
    @Get("/healthz")
    Health healthz() {
        return new Health("ok", buildInfo.version());
    }

    /** 200 when every dependency is usable, else 503 naming the failing checks. */
    @Get("/readyz")
    HttpResponse<Readiness> readyz() {
        ReadinessReport report = readiness.checkReadiness();
        Map<String, Readiness.Check> checks = new LinkedHashMap<>();
        report.checks().forEach(c -> checks.put(c.name(), new Readiness.Check(c.ok() ? "ok" : "fail", c.detail())));
        Readiness body = new Readiness(report.ready() ? "ready" : "not_ready", checks);
        return report.ready()
                ? HttpResponse.ok(body)
                : HttpResponse.<Readiness>status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header("Retry-After", "5")
                        .body(body);
    }

    @Get("/version")
    BuildInfo version() {
        return buildInfo;
    }

    @Serdeable
    record Health(String status, String version) {}

    @Serdeable
    record Readiness(String status, Map<String, Check> checks) {
        @Serdeable
        record Check(String status, String detail) {}
    }
}
