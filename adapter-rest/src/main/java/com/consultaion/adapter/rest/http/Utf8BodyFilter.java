package com.consultaion.adapter.rest.http;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.domain.Texts;
import com.consultaion.domain.json.JsonReader;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody.SplitBackpressureMode;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A request body must be well-formed UTF-8: overlong forms, encoded surrogates (CESU-8) and stray bytes are a 400
 * {@code request.invalid_utf8} before anything parses them, so what is stored is exactly what was sent. The
 * decoded text stays on the request ({@link #BODY_TEXT}) for the error handlers (the unknown-field report).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class Utf8BodyFilter implements Ordered {

    /** The request attribute holding the body as decoded text. */
    public static final String BODY_TEXT = "consultaion.request.body-text";

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    /** Whether a JSON body's strings or keys, escapes decoded, hold an unpaired UTF-16 surrogate. */
    static boolean loneSurrogate(String json) {
        if (!json.contains("\\u") && !json.contains("\\U")) {
            return false; // raw surrogates cannot come out of well-formed UTF-8; only escapes can make one
        }
        try {
            return lone(JsonReader.read(json));
        } catch (RuntimeException notJson) {
            return false; // the usual parser answers malformed JSON
        }
    }

    private static boolean lone(@Nullable Object value) {
        return switch (value) {
            case String s -> !Texts.wellFormed(s);
            case Map<?, ?> m -> m.entrySet().stream().anyMatch(e -> lone(e.getKey()) || lone(e.getValue()));
            case List<?> l -> l.stream().anyMatch(Utf8BodyFilter::lone);
            case null, default -> false;
        };
    }

    // On a virtual thread, so waiting for the body blocks no event loop; synchronous, so the filters after it
    // (the admission gates' blocking continuations) run as they expect.
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (!WITH_BODY.contains(request.getMethod())
                || !(request instanceof ServerHttpRequest<?> server)
                || server.byteBody().expectedLength().orElse(1) == 0) {
            return null;
        }
        CompletableFuture<? extends CloseableAvailableByteBody> buffered =
                // FASTEST: the framework's branch keeps what arrives while this one reads to the end (the default,
                // SLOWEST, waits for the framework's demand, which comes only after this filter: a deadlock once
                // the body outgrows the buffers, about 64 KiB — found by the fuzz test)
                server.byteBody().split(SplitBackpressureMode.FASTEST).buffer();
        return buffered.handle((body, failed) -> {
                    if (failed != null || body == null) {
                        return null; // too large or cut off: the usual path answers (413, 400)
                    }
                    try (body) {
                        String text = StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(body.toByteArray()))
                                .toString();
                        request.setAttribute(BODY_TEXT, text);
                        if (loneSurrogate(text)) {
                            return HttpResponse.status(HttpStatus.BAD_REQUEST)
                                    .body(ApiError.of(
                                            "request.invalid_unicode",
                                            "The request body holds a lone surrogate (\\uD800-\\uDFFF escape without its"
                                                    + " pair): that is no Unicode text."));
                        }
                        return null;
                    } catch (CharacterCodingException e) {
                        return HttpResponse.status(HttpStatus.BAD_REQUEST)
                                .body(
                                        ApiError.of(
                                                "request.invalid_utf8",
                                                "The request body is not well-formed UTF-8 (overlong, surrogate or stray bytes)."));
                    }
                })
                .join();
    }
}
