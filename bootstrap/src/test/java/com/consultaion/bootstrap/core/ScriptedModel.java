package com.consultaion.bootstrap.core;

import com.consultaion.application.port.out.ChatMessage;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.domain.debate.Usage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A chat model for pipeline tests. By default: drafts say "draft by M", revisions "revision by M", judges score
 * a candidate 8 if it came from model a, 6 from b, 4 from c, and synthesisers write "synthesis by M". A test
 * overrides any (task, model) pair with its own behaviour: throw, hang, answer prose.
 */
final class ScriptedModel implements ChatModel {

    final List<ChatRequest> calls = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<ChatResponse>> hanging = new CopyOnWriteArrayList<>();
    private final Map<String, Function<ChatRequest, CompletableFuture<ChatResponse>>> overrides =
            new ConcurrentHashMap<>();

    ScriptedModel on(ChatTask task, String model, Function<ChatRequest, CompletableFuture<ChatResponse>> behaviour) {
        overrides.put(task + "/" + model, behaviour);
        return this;
    }

    /** A call that never answers by itself; the test sees whether the core cancelled it. */
    CompletableFuture<ChatResponse> hang() {
        CompletableFuture<ChatResponse> future = new CompletableFuture<>();
        hanging.add(future);
        return future;
    }

    static CompletableFuture<ChatResponse> answer(ChatRequest r, String content) {
        return CompletableFuture.completedFuture(
                new ChatResponse(content, r.model(), "scripted", new Usage(100, 50, 0.001, false)));
    }

    @Override
    public ModelInfo describe(String model) {
        return new ModelInfo(model, "scripted", 0.001, 0.002);
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest r) {
        calls.add(r);
        Function<ChatRequest, CompletableFuture<ChatResponse>> override = overrides.get(r.task() + "/" + r.model());
        if (override != null) {
            return override.apply(r);
        }
        return switch (r.task()) {
            case DRAFT -> answer(r, "draft by " + r.model());
            case CRITIQUE -> answer(r, "revision by " + r.model());
            case JUDGE -> answer(r, judge(r));
            default -> answer(r, "synthesis by " + r.model());
        };
    }

    static String judge(ChatRequest r) {
        String user = r.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.USER)
                .findFirst()
                .orElseThrow()
                .content();
        String candidate = user.substring(user.indexOf("<<<CANDIDATE"), user.indexOf("CANDIDATE>>>"));
        double score = candidate.contains("by a") ? 8 : candidate.contains("by b") ? 6 : 4;
        return "{\"scores\": {\"accuracy\": " + score + ", \"risk\": " + score + "}, \"rationale\": \"by the script\"}";
    }

    long callsOf(ChatTask task) {
        return calls.stream().filter(c -> c.task() == task).count();
    }
}
