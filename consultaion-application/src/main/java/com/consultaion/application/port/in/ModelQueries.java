package com.consultaion.application.port.in;

import com.consultaion.domain.debate.DebateConfig;
import java.util.List;

/** Port in: the models debates can name, and the default config on the default model. */
public interface ModelQueries {

    /** Every configured model, with whether it is offered now and its circuit state. */
    List<Model> models();

    /** The default model's entry. */
    Model defaultModel();

    /** A model's display name in the catalogue, or its id when the catalogue does not describe it now. */
    String displayName(String model);

    /** The default panel, every seat on the default model. */
    DebateConfig defaultConfig();

    /** A model as clients see it (never keys or URLs). */
    record Model(
            String id,
            String displayName,
            String provider,
            String tier,
            double costPer1kInput,
            double costPer1kOutput,
            String latencyClass,
            String qualityTier,
            String safetyProfile,
            boolean enabled,
            boolean recommended,
            String circuitState) {}
}
