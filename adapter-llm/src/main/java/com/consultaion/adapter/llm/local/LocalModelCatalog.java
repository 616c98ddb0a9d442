package com.consultaion.adapter.llm.local;

import com.consultaion.application.port.out.ModelCatalog;
import java.util.List;

/** The catalogue when only the offline local model is configured: {@code local} and its variants. */
public final class LocalModelCatalog implements ModelCatalog {

    @Override
    public boolean isAvailable(String model) {
        return model != null && LocalChatModel.serves(model);
    }

    @Override
    public String defaultModel() {
        return "local";
    }

    @Override
    public List<String> available() {
        return List.of("local");
    }

    @Override
    public List<Description> describe() {
        return List.of(new Description(
                "local",
                "Local model (offline, deterministic)",
                LocalChatModel.PROVIDER,
                "standard",
                0,
                0,
                "fast",
                "baseline",
                "strict",
                true,
                true));
    }
}
