package com.consultaion.adapter.llm;

import com.consultaion.application.port.out.ReadinessProbe;
import java.util.Collection;
import java.util.function.Supplier;

/** Readiness: at least one model is enabled and usable (its circuit is not open). */
public final class ModelsReadinessProbe implements ReadinessProbe {

    private final Supplier<? extends Collection<String>> usableModels;

    public ModelsReadinessProbe(Supplier<? extends Collection<String>> usableModels) {
        this.usableModels = usableModels;
    }

    @Override
    public String name() {
        return "models";
    }

    @Override
    public Result probe() {
        Collection<String> usable = usableModels.get();
        return usable.isEmpty()
                ? Result.down("no usable model: configure a provider or enable the local model")
                : Result.up(usable.size() + " usable: " + String.join(", ", usable));
    }
}
