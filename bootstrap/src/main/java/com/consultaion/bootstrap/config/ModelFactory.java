package com.consultaion.bootstrap.config;

import com.consultaion.adapter.llm.ModelsReadinessProbe;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.ReadinessProbe;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Wires the chat models. */
@Factory
final class ModelFactory {

    @Singleton
    @Named("models")
    ReadinessProbe modelsReadiness(ModelCatalog catalog) {
        return new ModelsReadinessProbe(catalog::available);
    }
}
