package com.consultaion.adapter.rest.error;

import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.QuotaExceeded;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.StorageUnavailableException;
import com.consultaion.domain.DomainException;
import com.consultaion.domain.ValidationException;
import io.micronaut.http.HttpResponse;
import java.util.Optional;

/**
 * The core's exceptions as the HTTP API answers them (status and the one error shape), for the entry points that
 * are not controllers (the MCP server), so they report the same codes and messages. The mapping itself stays in
 * {@link ErrorHandlers}.
 */
public final class CoreErrors {

    private CoreErrors() {}

    /** The API's response to {@code e}, or empty when it is not one of the core's exceptions (a bug: a 500). */
    public static Optional<HttpResponse<ApiError>> response(Throwable e) {
        return Optional.ofNullable(
                switch (e) {
                    case ValidationException v -> new ErrorHandlers.Validation().handle(null, v);
                    case QuotaExceeded q -> new ErrorHandlers.Quota().handle(null, q);
                    case PermissionDenied p -> new ErrorHandlers.NotAllowed().handle(null, p);
                    case StorageUnavailableException s -> new ErrorHandlers.Unavailable().handle(null, s);
                    case DebateRepository.ConcurrentUpdateException c -> new ErrorHandlers.Concurrent().handle(null, c);
                    case DomainException d -> new ErrorHandlers.Domain().handle(null, d);
                    default -> null;
                });
    }
}
