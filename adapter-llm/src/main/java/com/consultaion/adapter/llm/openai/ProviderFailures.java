package com.consultaion.adapter.llm.openai;

import com.openai.core.JsonField;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.TimeoutExceededException;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * How a provider call failed, read from what the SDK and the policies threw: whether it is worth trying again, how
 * long the provider asked to wait, and what it said went wrong.
 */
final class ProviderFailures {

    private ProviderFailures() {}

    /** Worth trying again: the attempt timed out, the connection failed, or the provider said 5xx or 429. */
    static boolean transientFailure(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof OpenAIServiceException e) {
            return e.statusCode() == 429 || e.statusCode() >= 500;
        }
        return t instanceof TimeoutExceededException
                || t instanceof OpenAIIoException
                || (t instanceof OpenAIInvalidDataException && dropped(t));
    }

    /** The provider's {@code Retry-After} (seconds or an HTTP date), when it sent one. */
    static Optional<Duration> retryAfter(Throwable failure) {
        if (!(unwrap(failure) instanceof OpenAIServiceException e)) {
            return Optional.empty();
        }
        return e.headers().values("retry-after").stream().findFirst().flatMap(ProviderFailures::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return seconds >= 0 ? Optional.of(Duration.ofMillis((long) (seconds * 1000))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    static String kind(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof OpenAIServiceException e) {
            return "http_" + e.statusCode();
        }
        if (t instanceof CircuitBreakerOpenException) {
            return "circuit_trial";
        }
        return t instanceof TimeoutExceededException ? "timeout" : "io";
    }

    /**
     * What the provider said went wrong: its error code or type, and its message, briefly. The SDK's accessors
     * throw when the provider's error body lacks a field (many providers send no {@code type}), so each is read
     * on its own and the message comes from the body as sent.
     */
    static String reason(OpenAIServiceException e) {
        String code = field(e::code).or(() -> field(e::type)).orElse("");
        String message = providerMessage(e)
                // The SDK's message starts with the status, which the error already names.
                .orElseGet(() -> brief(e).replaceFirst("^" + e.statusCode() + ":\\s*", ""));
        return code.isEmpty() ? message : code + ": " + message;
    }

    static Optional<String> field(Supplier<Optional<String>> accessor) {
        try {
            return accessor.get().filter(v -> !v.isBlank());
        } catch (RuntimeException missing) {
            return Optional.empty();
        }
    }

    /** The provider's own {@code message}: {@code {"error": {"message": ...}}} as OpenAI sends it, or flat. */
    static Optional<String> providerMessage(OpenAIServiceException e) {
        try {
            Optional<Map<String, JsonValue>> body = object(e.body());
            Optional<Map<String, JsonValue>> error = body.map(b -> b.get("error"))
                    .flatMap(ProviderFailures::object)
                    .or(() -> body);
            return error.map(o -> o.get("message"))
                    .flatMap(ProviderFailures::string)
                    .map(m -> m.strip().replaceAll("\\s+", " "))
                    .filter(m -> !m.isEmpty())
                    .map(m -> m.length() > 200 ? m.substring(0, 200) : m);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    // JsonValue extends the raw JsonField: typed views through the generic supertype.
    static Optional<Map<String, JsonValue>> object(JsonValue v) {
        JsonField<?> f = v;
        return f.asObject();
    }

    static Optional<String> string(JsonValue v) {
        JsonField<?> f = v;
        return f.asString();
    }

    static String brief(Throwable t) {
        String m = t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getMessage().strip();
        m = m.replaceAll("\\s+", " ");
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    /**
     * Whether a response that could not be read was cut off in transit (the connection dropped mid-body) rather
     * than malformed: the former is worth retrying.
     */
    static boolean dropped(Throwable failure) {
        for (Throwable c = failure.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ProtocolException
                    || c instanceof SocketException
                    || c instanceof EOFException
                    || c instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
