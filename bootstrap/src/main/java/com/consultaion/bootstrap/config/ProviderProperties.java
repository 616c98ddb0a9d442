package com.consultaion.bootstrap.config;

import com.consultaion.adapter.llm.openai.ProviderSettings;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.time.Duration;
import java.util.Map;

/**
 * One configured OpenAI-compatible provider: {@code consultaion.providers.<name>.base-url}, {@code .api-key} …
 * (environment: {@code CONSULTAION_PROVIDERS_<NAME>_BASE_URL}, {@code _API_KEY}); docs/operations.md.
 */
@EachProperty("consultaion.providers")
public final class ProviderProperties {

    private final String name;
    private String baseUrl = "";
    private String apiKey = "";
    private Map<String, String> headers = Map.of();
    private Duration timeout = Duration.ofSeconds(60);
    private int maxRetries = 2;
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(8);
    private double breakerFailureRatio = 0.5;
    private int breakerMinimumCalls = 10;
    private Duration breakerWindow = Duration.ofSeconds(60);
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private int maxConcurrent = 32;
    private Duration maxWait = Duration.ofSeconds(30);

    public ProviderProperties(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    public double getBreakerFailureRatio() {
        return breakerFailureRatio;
    }

    public void setBreakerFailureRatio(double breakerFailureRatio) {
        this.breakerFailureRatio = breakerFailureRatio;
    }

    public int getBreakerMinimumCalls() {
        return breakerMinimumCalls;
    }

    public void setBreakerMinimumCalls(int breakerMinimumCalls) {
        this.breakerMinimumCalls = breakerMinimumCalls;
    }

    public Duration getBreakerWindow() {
        return breakerWindow;
    }

    public void setBreakerWindow(Duration breakerWindow) {
        this.breakerWindow = breakerWindow;
    }

    public Duration getBreakerOpenFor() {
        return breakerOpenFor;
    }

    public void setBreakerOpenFor(Duration breakerOpenFor) {
        this.breakerOpenFor = breakerOpenFor;
    }

    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    ProviderSettings settings() {
        if (baseUrl.isBlank()) {
            throw new IllegalArgumentException("provider " + name + " needs a base URL (consultaion.providers." + name
                    + ".base-url, e.g. https://api.openai.com/v1)");
        }
        return new ProviderSettings(
                name,
                baseUrl,
                apiKey,
                headers,
                timeout,
                maxRetries,
                backoffInitial,
                backoffMax,
                breakerFailureRatio,
                breakerMinimumCalls,
                breakerWindow,
                breakerOpenFor,
                maxConcurrent,
                maxWait);
    }
}
