package com.consultaion.bootstrap.observability;

import com.consultaion.application.port.out.Tracing;
import com.consultaion.bootstrap.StartupFailure;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Tracing, off by default ({@code consultaion.tracing.exporter: none}). With {@code otlp} the spans of every HTTP
 * request, debate run, stage and model call are batched to an OTLP/HTTP collector (docs/operations.md).
 */
@Factory
final class TracingFactory {

    static final String EXPORTER = "consultaion.tracing.exporter";

    @Singleton
    @Requires(property = EXPORTER, value = "otlp")
    SpanExporter otlp(@Value("${consultaion.tracing.otlp-endpoint}") String endpoint) {
        return OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = EXPORTER, notEquals = "none")
    SdkTracerProvider tracerProvider(
            Optional<SpanExporter> configured,
            @Value("${consultaion.tracing.exporter}") String name,
            @Value("${consultaion.tracing.sample-ratio}") double ratio,
            @Value("${micronaut.application.name}") String service) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
                .addSpanProcessor(
                        BatchSpanProcessor.builder(exporter(configured, name)).build())
                .build();
    }

    private static SpanExporter exporter(Optional<SpanExporter> configured, String name) {
        return configured.orElseThrow(
                () -> new StartupFailure("TRACING_EXPORTER must be none or otlp (got '" + name + "')"));
    }

    @Singleton
    Tracing tracing(Optional<SdkTracerProvider> provider) {
        return provider.<Tracing>map(p -> new OtelTracing(p.get("com.consultaion")))
                .orElse(Tracing.NONE);
    }
}
