package com.consultaion.bootstrap.observability;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Singleton;

/** For tests: {@code consultaion.tracing.exporter=memory} keeps the finished spans in memory. */
@Factory
@Requires(property = "consultaion.tracing.exporter", value = "memory")
class MemoryExporterFactory {

    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
