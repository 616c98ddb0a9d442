package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ChatModelException;
import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.application.port.out.ChatResponse;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Tracing;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.DebateId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a stage's model calls in parallel, each on its own virtual thread, each with a timeout (the smaller of
 * the per-call timeout and the time left before the debate's deadline) that cancels the call, and all of them
 * cancellable through the {@link RunControl}. Returns when every call has settled.
 */
public final class ModelCalls {

    private final ChatModel model;
    private final ExecutorService executor;
    private final Telemetry telemetry;
    private final Tracing tracing;
    private final Function<String, List<String>> alternatives;
    private final LiveFeed live;

    public ModelCalls(ChatModel model, ExecutorService virtualThreads) {
        this(model, virtualThreads, Telemetry.NONE, Tracing.NONE, m -> List.of(), LiveFeed.NONE);
    }

    /**
     * @param alternatives the models that may stand in for a failed one (same tier, never the local model), in
     *     order of preference; empty for none
     * @param live where the calls' streamed text goes, for the debate's live viewers
     */
    public ModelCalls(
            ChatModel model,
            ExecutorService virtualThreads,
            Telemetry telemetry,
            Tracing tracing,
            Function<String, List<String>> alternatives,
            LiveFeed live) {
        this.model = model;
        this.executor = virtualThreads;
        this.telemetry = telemetry;
        this.tracing = tracing;
        this.alternatives = alternatives;
        this.live = live;
    }

    public ChatModel.ModelInfo describe(String modelId) {
        return model.describe(modelId);
    }

    public List<CallOutcome> callAll(List<ChatRequest> requests, Duration callTimeout, RunControl control) {
        List<CompletableFuture<ChatResponse>> futures = new ArrayList<>(requests.size());
        for (ChatRequest request : requests) {
            Duration timeout = min(callTimeout, control.remaining());
            futures.add(start(request, timeout, control));
        }
        List<CallOutcome> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            outcomes.add(settle(requests.get(i), futures.get(i), min(callTimeout, control.remaining())));
        }
        // A model that failed (not cancelled) is replaced by the first alternative of its tier that answers.
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof CallOutcome.Failed failed && !failed.cancelled() && !control.cancelled()) {
                outcomes.set(i, fallBack(failed, callTimeout, control));
            }
        }
        return outcomes;
    }

    /** One call on exactly the model it names: for callers that choose the next model themselves. */
    CallOutcome callOnly(ChatRequest request, Duration callTimeout, RunControl control) {
        Duration timeout = min(callTimeout, control.remaining());
        return settle(request, start(request, timeout, control), timeout);
    }

    /** The models that may stand in for {@code model}, in order of preference. */
    List<String> alternatives(String model) {
        return alternatives.apply(model);
    }

    private CallOutcome fallBack(CallOutcome.Failed failed, Duration callTimeout, RunControl control) {
        for (String alternative : alternatives.apply(failed.request().model())) {
            Duration timeout = min(callTimeout, control.remaining());
            if (timeout.isZero() || control.cancelled()) {
                break;
            }
            ChatRequest r = failed.request().withModel(alternative);
            CallOutcome outcome = settle(r, start(r, timeout, control), timeout);
            if (outcome instanceof CallOutcome.Answered answered) {
                return new CallOutcome.Answered(r, answered.response(), failed);
            }
        }
        return failed;
    }

    private CompletableFuture<ChatResponse> start(ChatRequest request, Duration timeout, RunControl control) {
        CompletableFuture<ChatResponse> outer = new CompletableFuture<>();
        if (timeout.isZero()) {
            outer.completeExceptionally(new TimeoutException("deadline reached"));
            return outer;
        }
        DebateId debate = control.debate();
        LiveFeed.Sink sink = debate == null ? null : live.open(debate, request);
        Future<?> task = executor.submit(() -> {
            try {
                CompletableFuture<ChatResponse> inner =
                        sink == null ? model.complete(request) : model.complete(request, sink);
                // Whatever ends the outer future first (timeout, cancellation) also cancels the provider call.
                var unused = outer.whenComplete((r, e) -> {
                    if (e != null) {
                        inner.cancel(true);
                    }
                });
                var unusedToo = inner.whenComplete((r, e) -> {
                    if (e != null) {
                        outer.completeExceptionally(unwrap(e));
                    } else if (r == null) {
                        outer.completeExceptionally(new IllegalStateException("the model returned no response"));
                    } else {
                        if (sink != null) {
                            sink.finish();
                        }
                        outer.complete(r);
                    }
                });
            } catch (Throwable t) {
                outer.completeExceptionally(t);
            }
        });
        // Rounded up, so a call cut short by the deadline ends at or after it, never just before.
        outer.orTimeout(Math.max(1, (timeout.toNanos() + 999_999) / 1_000_000), TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        Tracing.Span span = tracing.start("llm.call", control.traceParent())
                .attribute("llm.model", request.model())
                .attribute("llm.task", request.task().name().toLowerCase(Locale.ROOT));
        var unused = outer.whenComplete((r, e) -> {
            if (e != null) {
                task.cancel(true); // interrupts a ChatModel that blocks in complete()
            }
            control.untrack(outer);
            report(request, r, e, Duration.ofNanos(System.nanoTime() - started), span);
        });
        control.track(outer);
        return outer;
    }

    private CallOutcome settle(ChatRequest request, CompletableFuture<ChatResponse> future, Duration timeout) {
        String provider = model.describe(request.model()).provider();
        try {
            // Each future carries its own timeout; the extra second only guards against a broken implementation.
            ChatResponse response = future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return new CallOutcome.Answered(request, response);
        } catch (CancellationException e) {
            return new CallOutcome.Failed(request, provider, "cancelled", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new CallOutcome.Failed(request, provider, "cancelled", true);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new CallOutcome.Failed(request, provider, timeoutReason(request, provider, timeout), false);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof TimeoutException) {
                return new CallOutcome.Failed(request, provider, timeoutReason(request, provider, timeout), false);
            }
            if (cause instanceof CancellationException) {
                return new CallOutcome.Failed(request, provider, "cancelled", true);
            }
            if (cause instanceof ChatModelException failure) {
                return new CallOutcome.Failed(
                        request,
                        failure.provider(),
                        Objects.requireNonNullElse(failure.getMessage(), "model call failed"),
                        false);
            }
            return new CallOutcome.Failed(
                    request, provider, provider + "/" + request.model() + ": " + describe(cause), false);
        }
    }

    private void report(
            ChatRequest request,
            @Nullable ChatResponse response,
            @Nullable Throwable error,
            Duration latency,
            Tracing.Span span) {
        try (span) {
            Throwable cause = error == null ? null : unwrap(error);
            String outcome = cause == null
                    ? "ok"
                    : cause instanceof TimeoutException
                            ? "timeout"
                            : cause instanceof CancellationException ? "cancelled" : "error";
            telemetry.modelCall(
                    model.describe(request.model()).provider(),
                    request.model(),
                    outcome,
                    latency,
                    response == null ? 0 : response.usage().totalTokens(),
                    response == null ? 0 : response.usage().costUsd());
            span.attribute("llm.provider", model.describe(request.model()).provider())
                    .attribute("llm.outcome", outcome);
            if (response != null) {
                span.attribute("llm.input_tokens", response.usage().inputTokens())
                        .attribute("llm.output_tokens", response.usage().outputTokens());
            } else {
                span.failed(outcome);
            }
        } catch (RuntimeException e) {
            // monitoring must never break a debate
        }
    }

    private static String timeoutReason(ChatRequest request, String provider, Duration timeout) {
        return provider + "/" + request.model() + ": no answer within " + timeout.toMillis() + " ms";
    }

    private static String describe(@Nullable Throwable t) {
        if (t == null) {
            return "failed without a cause";
        }
        String message = t.getMessage();
        String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
