package com.consultaion.adapter.llm.openai;

import com.consultaion.application.port.out.ChatMessage;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.TokenSink;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Usage;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A {@link ChatModel} for one OpenAI-compatible provider, on the official SDK's async client (its own retries
 * off). Every call runs under Failsafe, composed per model: retries (only for timeouts, connection errors, 5xx
 * and 429, honouring {@code Retry-After}; exponential backoff with jitter) around a circuit breaker on a sliding
 * time window, around a bulkhead (calls beyond the limit wait for a slot), around a per-attempt timeout that
 * cancels the HTTP call. The error that reaches the debate names the provider, the model, the HTTP status and
 * the reason.
 */
public final class OpenAiChatModel implements ChatModel, AutoCloseable {

    /** The longest {@code Retry-After} honoured; a provider asking for longer fails the call instead. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private final ProviderSettings settings;
    private final OpenAIClientAsync client;
    private final Function<String, ModelInfo> catalogue;
    private final Telemetry telemetry;
    private final Map<String, Policies> perModel = new ConcurrentHashMap<>();

    /** The composed policies of one model, and its breaker (for health). */
    private record Policies(FailsafeExecutor<ChatCompletion> executor, CircuitBreaker<ChatCompletion> breaker) {}

    public OpenAiChatModel(ProviderSettings settings, Function<String, ModelInfo> catalogue, Telemetry telemetry) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.telemetry = telemetry;
        OpenAIOkHttpClientAsync.Builder builder = OpenAIOkHttpClientAsync.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey().isEmpty() ? "none" : settings.apiKey())
                .maxRetries(0) // retries are Failsafe's alone
                .timeout(settings.attemptTimeout().plusSeconds(5)); // Failsafe's timeout acts first
        settings.headers().forEach(builder::putHeader);
        this.client = builder.build();
    }

    public String provider() {
        return settings.name();
    }

    /** A model's circuit as callers should treat it. */
    public enum Circuit {
        /** Calls go through. */
        CLOSED,
        /** The open period is over: the next call is the trial that closes (or reopens) the circuit. */
        HALF_OPEN,
        /** Calls are refused until the open period ends. */
        OPEN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value of the {@code consultaion_llm_circuit_state} metric: 0 closed, 1 half-open, 2 open. */
        public int gauge() {
            return switch (this) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            };
        }
    }

    /**
     * The circuit of {@code model} now. Failsafe moves an open breaker to half-open only when a call asks for a
     * permit, so a breaker whose open period has passed is reported half-open here: routing and the start check
     * then let the trial call through, instead of waiting forever for a call they themselves hold back.
     */
    public Circuit circuit(String model) {
        Policies p = perModel.get(model);
        if (p == null || p.breaker().isClosed()) {
            return Circuit.CLOSED;
        }
        if (p.breaker().isHalfOpen() || p.breaker().getRemainingDelay().isZero()) {
            return Circuit.HALF_OPEN;
        }
        return Circuit.OPEN;
    }

    /** Whether calls to {@code model} are let through (its circuit is closed, or ready for a trial call). */
    public boolean healthy(String model) {
        return circuit(model) != Circuit.OPEN;
    }

    /** How many of this provider's models have an open circuit now. */
    public int openCircuits() {
        return (int) perModel.keySet().stream()
                .filter(m -> circuit(m) == Circuit.OPEN)
                .count();
    }

    @Override
    public ModelInfo describe(String model) {
        return catalogue.apply(model);
    }

    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request) {
        return complete(request, TokenSink.NONE);
    }

    /**
     * Streams the completion ({@code stream: true}, usage included): each piece of text goes to {@code sink} as
     * it arrives, the pieces are accumulated into the answer, and an attempt that Failsafe retries after some text
     * arrived is announced with {@link TokenSink#restart()} before it starts. Retries, breaker, bulkhead and the
     * attempt timeout apply to the whole stream, as to a plain call.
     */
    @Override
    public CompletableFuture<ChatResponse> complete(ChatRequest request, TokenSink sink) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(request.model())
                .temperature(request.temperature())
                .maxCompletionTokens(request.maxOutputTokens())
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build());
        for (ChatMessage m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> params.addSystemMessage(m.content());
                case USER -> params.addUserMessage(m.content());
                case ASSISTANT -> params.addAssistantMessage(m.content());
            }
        }
        ChatCompletionCreateParams built = params.build();
        Policies policies = perModel.computeIfAbsent(request.model(), this::policies);
        AtomicBoolean spoke = new AtomicBoolean(); // an attempt reported text: the next one is a restart
        AtomicReference<AsyncStreamResponse<ChatCompletionChunk>> open = new AtomicReference<>();
        CompletableFuture<ChatCompletion> call = policies.executor().getStageAsync(() -> {
            if (spoke.getAndSet(false)) {
                sink.restart();
            }
            ChatCompletionAccumulator accumulated = ChatCompletionAccumulator.create();
            AsyncStreamResponse<ChatCompletionChunk> stream =
                    client.chat().completions().createStreaming(built);
            open.set(stream);
            stream.subscribe(chunk -> {
                accumulated.accumulate(chunk);
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    if (choice.index() == 0) {
                        choice.delta().content().filter(t -> !t.isEmpty()).ifPresent(t -> {
                            spoke.set(true);
                            sink.text(t);
                        });
                    }
                }
            });
            CompletableFuture<ChatCompletion> attempt =
                    stream.onCompleteFuture().thenApply(done -> accumulated.chatCompletion());
            // An attempt cut short (its timeout, a cancelled call) closes its HTTP stream.
            var unused = attempt.whenComplete((c, e) -> {
                if (e != null) {
                    stream.close();
                }
            });
            return attempt;
        });
        CompletableFuture<ChatResponse> response = call.handle((completion, error) -> {
            if (error != null) {
                throw error(request.model(), error);
            }
            return response(request, completion);
        });
        // Whoever cancels the answer (the debate's own timeout, a cancelled debate) cancels the HTTP call too.
        var unused = response.whenComplete((r, e) -> {
            if (response.isCancelled()) {
                call.cancel(true);
                AsyncStreamResponse<ChatCompletionChunk> stream = open.get();
                if (stream != null) {
                    stream.close();
                }
            }
        });
        return response;
    }

    private ChatResponse response(ChatRequest request, ChatCompletion completion) {
        String content = completion.choices().isEmpty()
                ? ""
                : completion.choices().get(0).message().content().orElse("");
        if (content.isBlank()) {
            throw new ChatModelException(
                    settings.name(), request.model(), null, "the provider returned an empty completion");
        }
        ModelInfo info = catalogue.apply(request.model());
        Optional<CompletionUsage> reported = completion.usage();
        long in = reported.map(CompletionUsage::promptTokens).orElseGet(() -> BudgetPolicy.tokensOf(text(request)));
        long out = reported.map(CompletionUsage::completionTokens).orElseGet(() -> BudgetPolicy.tokensOf(content));
        double cost = info.costUsd(in, out);
        // Estimated when the provider reported no usage: the ledger says so.
        return new ChatResponse(
                content, request.model(), settings.name(), new Usage(in, out, cost, reported.isEmpty()));
    }

    private static String text(ChatRequest request) {
        StringBuilder sb = new StringBuilder();
        request.messages().forEach(m -> sb.append(m.content()).append('\n'));
        return sb.toString();
    }

    private Policies policies(String model) {
        long windowCalls = Math.max(settings.breakerMinimumCalls(), 1);
        CircuitBreaker<ChatCompletion> breaker = CircuitBreaker.<ChatCompletion>builder()
                .handleIf((result, failure) -> failure != null && ProviderFailures.transientFailure(failure))
                .withFailureRateThreshold(
                        (int) Math.ceil(settings.breakerFailureRatio() * 100),
                        (int) windowCalls,
                        settings.breakerWindow())
                .withDelay(settings.breakerOpenFor())
                .withSuccessThreshold(1)
                .onOpen(e -> telemetry.circuitChanged(settings.name(), model, "open"))
                .onHalfOpen(e -> telemetry.circuitChanged(settings.name(), model, "half_open"))
                .onClose(e -> telemetry.circuitChanged(settings.name(), model, "closed"))
                .build();
        RetryPolicy<ChatCompletion> retry = RetryPolicy.<ChatCompletion>builder()
                // A call refused while the breaker's trial call is in flight waits for the trial's outcome
                // (retried after the backoff); one refused by an open breaker fails at once.
                .handleIf((result, failure) -> failure != null
                        && (ProviderFailures.transientFailure(failure)
                                || ProviderFailures.unwrap(failure) instanceof CircuitBreakerOpenException))
                .abortIf((result, failure) -> failure != null
                        && ProviderFailures.unwrap(failure) instanceof CircuitBreakerOpenException
                        && breaker.isOpen())
                .withMaxRetries(settings.maxRetries())
                // The provider's Retry-After exactly (never earlier: no jitter on it); else the backoff, jittered.
                .withDelayFn(ctx -> {
                    Throwable last = ctx.getLastException();
                    return (last == null ? Optional.<Duration>empty() : ProviderFailures.retryAfter(last))
                            .orElseGet(() -> backoff(ctx.getAttemptCount()));
                })
                .abortIf((result, failure) -> failure != null
                        && ProviderFailures.retryAfter(failure)
                                .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0)
                                .orElse(false))
                .onRetry(e ->
                        telemetry.modelRetried(settings.name(), model, ProviderFailures.kind(e.getLastException())))
                .build();
        Bulkhead<ChatCompletion> bulkhead = Bulkhead.<ChatCompletion>builder(settings.maxConcurrent())
                .withMaxWaitTime(settings.maxWait())
                .build();
        Timeout<ChatCompletion> timeout = Timeout.<ChatCompletion>builder(settings.attemptTimeout())
                .withInterrupt()
                .build();
        telemetry.circuitTracked(settings.name(), model, () -> circuit(model).gauge());
        return new Policies(
                Failsafe.with(retry).compose(breaker).compose(bulkhead).compose(timeout), breaker);
    }

    /** Exponential backoff from the initial delay, capped, with ±25 % jitter. */
    private Duration backoff(int attempts) {
        double base = (double) settings.backoffInitial().toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, (double) settings.backoffMax().toMillis());
        double jitter = 0.75 + 0.5 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    private ChatModelException error(String model, Throwable failure) {
        Throwable t = ProviderFailures.unwrap(failure);
        String provider = settings.name();
        return switch (t) {
            case ChatModelException e -> e;
            case OpenAIServiceException e ->
                new ChatModelException(provider, model, e.statusCode(), ProviderFailures.reason(e));
            case TimeoutExceededException e ->
                new ChatModelException(
                        provider,
                        model,
                        null,
                        "no answer within " + settings.attemptTimeout().toMillis() + " ms (per attempt, "
                                + (settings.maxRetries() + 1) + " attempts)");
            case CircuitBreakerOpenException e ->
                new ChatModelException(
                        provider, model, null, "circuit open after repeated failures; calls resume shortly");
            case BulkheadFullException e ->
                new ChatModelException(
                        provider,
                        model,
                        null,
                        "more than " + settings.maxConcurrent() + " calls in flight and none finished within "
                                + settings.maxWait().toMillis() + " ms");
            case OpenAIIoException e ->
                new ChatModelException(provider, model, null, "connection failed: " + ProviderFailures.brief(e));
            case OpenAIInvalidDataException e ->
                ProviderFailures.dropped(e)
                        ? new ChatModelException(
                                provider, model, null, "connection dropped mid-response: " + ProviderFailures.brief(e))
                        : new ChatModelException(provider, model, null, "the provider's response could not be read");
            case CancellationException e -> new ChatModelException(provider, model, null, "cancelled");
            default ->
                new ChatModelException(
                        provider, model, null, t.getClass().getSimpleName() + ": " + ProviderFailures.brief(t));
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
