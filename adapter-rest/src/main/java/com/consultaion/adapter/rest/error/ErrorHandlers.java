package com.consultaion.adapter.rest.error;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.PaymentsUseCase;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.QuotaExceeded;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.StorageUnavailableException;
import com.consultaion.domain.DomainException;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.plan.QuotaPolicy;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the core's exceptions to the API's one error shape and the right status. */
// Micronaut's ExceptionHandler declares handle() with a raw HttpRequest; the overrides must match it.
@SuppressWarnings("rawtypes")
final class ErrorHandlers {

    private ErrorHandlers() {}

    /** 422 with every bad field: {@code details.fields = [{field, code, message}]}. */
    @Produces
    @Singleton
    @Requires(classes = {ValidationException.class, ExceptionHandler.class})
    static final class Validation implements ExceptionHandler<ValidationException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ValidationException e) {
            List<Map<String, Object>> fields = e.errors().stream()
                    .map(f -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("field", f.field());
                        m.put("code", f.code());
                        m.put("message", f.message());
                        return m;
                    })
                    .toList();
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(ApiError.of(
                            "validation.failed",
                            e.errors().size() == 1 ? e.getMessage() : "Some fields are invalid; see details.fields.",
                            Map.of("fields", fields)));
        }
    }

    /**
     * A body with fields the API does not know (serde's {@code ignore-unknown} is off): 422 naming every one of
     * them (the body's top-level keys that the target record lacks; keys inside {@code config} are listed by the
     * domain's parser), so a client's typo shows instead of being dropped. Any other unreadable body stays 400
     * {@code request.malformed}.
     */
    @Produces
    @Singleton
    @Requires(classes = {ConversionErrorException.class, ExceptionHandler.class})
    @Replaces(ConversionErrorHandler.class)
    static final class UnknownFields implements ExceptionHandler<ConversionErrorException, HttpResponse<ApiError>> {
        private static final Pattern UNKNOWN = Pattern.compile("Unknown property \\[([^\\]]{1,200})\\]");

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ConversionErrorException e) {
            String first = null;
            for (Throwable t = e; t != null && first == null; t = t.getCause()) {
                Matcher m = UNKNOWN.matcher(String.valueOf(t.getMessage()));
                if (m.find()) {
                    first = m.group(1);
                }
            }
            if (first == null) {
                return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST).body(ApiError.forStatus(400));
            }
            // The deserialiser stops at the first unknown field; the body's other unknown keys come from its text.
            Set<String> unknown = new LinkedHashSet<>();
            unknown.add(first);
            unknown.addAll(UnknownKeys.of(request, e.getArgument().getType()));
            List<Map<String, Object>> fields = unknown.stream()
                    .map(f -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("field", f);
                        m.put("code", "field.unknown");
                        m.put("message", "not a field of this request");
                        return m;
                    })
                    .toList();
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(ApiError.of(
                            "validation.failed",
                            "Unknown field" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                                    + ": check the spelling against the API description.",
                            Map.of("fields", fields)));
        }
    }

    /** Other rule violations of the domain (an illegal status change …): 409. */
    @Produces
    @Singleton
    @Requires(classes = {DomainException.class, ExceptionHandler.class})
    static final class Domain implements ExceptionHandler<DomainException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, DomainException e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(ApiError.of(e.code(), e.getMessage()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {DebateRepository.ConcurrentUpdateException.class, ExceptionHandler.class})
    static final class Concurrent
            implements ExceptionHandler<DebateRepository.ConcurrentUpdateException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, DebateRepository.ConcurrentUpdateException e) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .header("Retry-After", "1")
                    .body(ApiError.retryable("debate.conflict", "The debate changed meanwhile; try again.", 1L));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {AccountUseCases.AuthenticationFailed.class, ExceptionHandler.class})
    static final class AuthFailed
            implements ExceptionHandler<AccountUseCases.AuthenticationFailed, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, AccountUseCases.AuthenticationFailed e) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ApiError.of(e.code(), e.getMessage()));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {AccountUseCases.LockedOut.class, ExceptionHandler.class})
    static final class Locked implements ExceptionHandler<AccountUseCases.LockedOut, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, AccountUseCases.LockedOut e) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                    .body(ApiError.retryable(
                            "auth.locked", "Too many failed sign-ins; try again later.", e.retryAfterSeconds()));
        }
    }

    /** A plan limit: 402 when the plan forbids it, 429 (with Retry-After) when it is used up for now. */
    @Produces
    @Singleton
    @Requires(classes = {QuotaExceeded.class, ExceptionHandler.class})
    static final class Quota implements ExceptionHandler<QuotaExceeded, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, QuotaExceeded e) {
            var r = e.refusal();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("limit", r.limit());
            details.put("used", r.used());
            details.put("reset_at", r.resetAt() == null ? null : r.resetAt().toString());
            if (r.kind() == QuotaPolicy.Refusal.Kind.PLAN_LIMIT) {
                return HttpResponse.<ApiError>status(HttpStatus.PAYMENT_REQUIRED)
                        .body(ApiError.of(r.code(), r.message(), details));
            }
            long retry = r.resetAt() == null
                    ? 30 // a running debate has to finish; ask again in a while
                    : Math.max(1, Duration.between(Instant.now(), r.resetAt()).toSeconds() + 1);
            return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(retry))
                    .body(ApiError.retryable(r.code(), r.message(), retry, details));
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {AccountUseCases.EmailUnavailable.class, ExceptionHandler.class})
    static final class EmailTaken
            implements ExceptionHandler<AccountUseCases.EmailUnavailable, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, AccountUseCases.EmailUnavailable e) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .body(ApiError.of("auth.email_unavailable", "This e-mail cannot be registered."));
        }
    }

    /** The store cannot serve now: 503 with Retry-After, never a hang. */
    @Produces
    @Singleton
    @Requires(classes = {StorageUnavailableException.class, ExceptionHandler.class})
    static final class Unavailable implements ExceptionHandler<StorageUnavailableException, HttpResponse<ApiError>> {
        private static final Logger LOG = LoggerFactory.getLogger(Unavailable.class);

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, StorageUnavailableException e) {
            LOG.warn("storage unavailable: {}", e.getMessage());
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1")
                    .body(ApiError.retryable("service.unavailable", "The service is busy; try again shortly.", 1L));
        }
    }

    /** A role-based refusal (e.g. a viewer adding team members): 403. Object access stays 404. */
    @Produces
    @Singleton
    @Requires(classes = {PermissionDenied.class, ExceptionHandler.class})
    static final class NotAllowed implements ExceptionHandler<PermissionDenied, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, PermissionDenied e) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(ApiError.of("permission.denied", e.getMessage()));
        }
    }

    /** No payment provider is configured: 503, without Retry-After (waiting will not help). */
    @Produces
    @Singleton
    @Requires(classes = {PaymentsUseCase.NotConfigured.class, ExceptionHandler.class})
    static final class PaymentsOff implements ExceptionHandler<PaymentsUseCase.NotConfigured, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, PaymentsUseCase.NotConfigured e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(ApiError.of("billing.not_configured", e.getMessage()));
        }
    }

    /** A webhook for a provider that is not configured: 404. */
    @Produces
    @Singleton
    @Requires(classes = {PaymentsUseCase.UnknownProvider.class, ExceptionHandler.class})
    static final class NoSuchProvider
            implements ExceptionHandler<PaymentsUseCase.UnknownProvider, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, PaymentsUseCase.UnknownProvider e) {
            return HttpResponse.status(HttpStatus.NOT_FOUND)
                    .body(ApiError.of("billing.unknown_provider", e.getMessage()));
        }
    }

    /** A webhook event whose signature does not verify: 400 (the provider shows it in its delivery log). */
    @Produces
    @Singleton
    @Requires(classes = {PaymentsUseCase.InvalidEvent.class, ExceptionHandler.class})
    static final class BadEvent implements ExceptionHandler<PaymentsUseCase.InvalidEvent, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, PaymentsUseCase.InvalidEvent e) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST)
                    .body(ApiError.of("billing.invalid_signature", e.getMessage()));
        }
    }

    /** The payment provider could not be reached or refused: 502 with Retry-After. */
    @Produces
    @Singleton
    @Requires(classes = {PaymentsUseCase.ProviderUnavailable.class, ExceptionHandler.class})
    static final class ProviderDown
            implements ExceptionHandler<PaymentsUseCase.ProviderUnavailable, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, PaymentsUseCase.ProviderUnavailable e) {
            return HttpResponse.status(HttpStatus.BAD_GATEWAY)
                    .header("Retry-After", "30")
                    .body(ApiError.retryable("billing.provider_unavailable", e.getMessage(), 30L));
        }
    }
}
