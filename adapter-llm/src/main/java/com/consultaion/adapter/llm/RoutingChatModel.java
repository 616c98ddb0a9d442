package com.consultaion.adapter.llm;

import com.consultaion.application.port.out.ChatMessage;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.TokenSink;
import com.consultaion.domain.safety.PiiScrubber;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends each call to the chat model of its model's provider, as the catalogue says: the local model for
 * {@code local}, an OpenAI-compatible adapter for every configured provider. Text bound for a provider leaves
 * the process, so it is scrubbed of personal data and secrets first ({@link PiiScrubber}); the local model
 * sees it as written.
 */
public final class RoutingChatModel implements ChatModel {

    private final ChatModel local;
    private final Map<String, ChatModel> providers;
    private final Catalogue catalogue;
    private final PiiScrubber scrubber;

    public RoutingChatModel(
            ChatModel local, Map<String, ChatModel> providers, Catalogue catalogue, PiiScrubber scrubber) {
        this.local = local;
        this.providers = Map.copyOf(providers);
        this.catalogue = catalogue;
        this.scrubber = scrubber;
    }

    private String providerOf(String model) {
        return catalogue.entry(model).map(ModelCatalog.Description::provider).orElse("unknown");
    }

    @Override
    public ModelInfo describe(String model) {
        return catalogue
                .entry(model)
                .filter(d -> !d.provider().equals("local"))
                .map(d -> new ModelInfo(model, d.provider(), d.costPer1kInput(), d.costPer1kOutput()))
                .orElseGet(() -> local.describe(model));
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request) {
        return complete(request, TokenSink.NONE);
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request, TokenSink sink) {
        String provider = providerOf(request.model());
        if (provider.equals("local")) {
            return local.complete(request, sink);
        }
        ChatModel target = providers.get(provider);
        if (target == null) {
            return CompletableFuture.failedFuture(new ChatModelException(
                    provider, request.model(), null, "no provider is configured for this model"));
        }
        return target.complete(
                new ChatRequest(
                        request.model(),
                        request.task(),
                        request.messages().stream()
                                .map(m -> new ChatMessage(m.role(), scrubber.scrub(m.content())))
                                .toList(),
                        request.temperature(),
                        request.maxOutputTokens(),
                        request.speaker()),
                sink);
    }
}
