package com.consultaion.adapter.llm.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One OpenAI-compatible provider (OpenAI, OpenRouter, Groq, Mistral, Together, Ollama, vLLM …): where it is, its
 * key, and the resilience of every call to it. The key never appears in {@link #toString()} or in errors.
 *
 * @param attemptTimeout one attempt's limit; the call is cancelled when it passes
 * @param maxRetries retries after transient failures (timeouts, connection errors, 5xx, 429)
 * @param breakerFailureRatio the share of failed calls in {@code breakerWindow} that opens the breaker, once at
 *     least {@code breakerMinimumCalls} were made in it
 * @param breakerOpenFor how long an open breaker refuses calls before letting one through (half-open)
 * @param maxConcurrent calls in flight at once per model; more wait up to {@code maxWait} for a slot
 */
public record ProviderSettings(
        String name,
        String baseUrl,
        String apiKey,
        Map<String, String> headers,
        Duration attemptTimeout,
        int maxRetries,
        Duration backoffInitial,
        Duration backoffMax,
        double breakerFailureRatio,
        int breakerMinimumCalls,
        Duration breakerWindow,
        Duration breakerOpenFor,
        int maxConcurrent,
        Duration maxWait) {

    public ProviderSettings {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("provider name must match [a-z0-9_-]{1,40}: " + name);
        }
        URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("provider " + name + ": base URL must be http(s)");
        }
        apiKey = apiKey == null ? "" : apiKey;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (attemptTimeout.isNegative() || attemptTimeout.isZero() || maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("provider " + name + ": timeout > 0 and 0-10 retries");
        }
        if (!(breakerFailureRatio > 0 && breakerFailureRatio <= 1) || breakerMinimumCalls < 1) {
            throw new IllegalArgumentException("provider " + name + ": breaker ratio in (0, 1], minimum calls >= 1");
        }
        if (maxConcurrent < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("provider " + name + ": at least one concurrent call");
        }
    }

    /** Sensible defaults: 60 s per attempt, 2 retries (0.5 s → 8 s), breaker 50% over 60 s (10 calls), 32 at once. */
    public static ProviderSettings of(String name, String baseUrl, String apiKey) {
        return new ProviderSettings(
                name,
                baseUrl,
                apiKey,
                Map.of(),
                Duration.ofSeconds(60),
                2,
                Duration.ofMillis(500),
                Duration.ofSeconds(8),
                0.5,
                10,
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                32,
                Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "ProviderSettings[" + name + " at " + baseUrl + (apiKey.isEmpty() ? ", no key" : ", key set") + "]";
    }
}
