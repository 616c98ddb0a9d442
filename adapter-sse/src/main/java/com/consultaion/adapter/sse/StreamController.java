package com.consultaion.adapter.sse;

import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.json.JsonMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /debates/{id}/stream}: the debate's events as Server-Sent Events. Replays every stored event after
 * {@code Last-Event-ID} (or {@code ?after=}), then follows live; ends after the terminal event. Access is that of
 * every debate route: the owner, and admins; anyone else gets 404.
 */
@Controller("/debates")
final class StreamController {

    private final GetDebateQuery debates;
    private final StreamSettings settings;
    private final StreamMetrics metrics;
    private final Map<String, AtomicInteger> perIdentity = new ConcurrentHashMap<>();
    private final EventHub hub;
    private final StreamRegistry registry;

    StreamController(
            GetDebateQuery debates,
            ReadDebateEventsQuery events,
            DebateEventBus bus,
            JsonMapper json,
            StreamSettings settings,
            StreamMetrics metrics,
            StreamRegistry registry) {
        this.debates = debates;
        this.settings = settings;
        this.metrics = metrics;
        this.hub = new EventHub(events, bus, json, settings.batch());
        this.registry = registry;
    }

    @Get(value = "/{id}/stream{?after}", produces = MediaType.TEXT_EVENT_STREAM)
    HttpResponse<?> stream(
            HttpRequest<?> request,
            String id,
            @Nullable @QueryValue String after,
            @Nullable @Header("Last-Event-ID") String lastEventId) {
        AuthenticateQuery.Principal principal = request.getAttribute(
                        AuthenticateQuery.Principal.REQUEST_ATTRIBUTE, AuthenticateQuery.Principal.class)
                .orElseThrow(() -> new IllegalStateException("stream route is not behind the authentication filter"));
        Requester requester = principal.requester();
        Optional<DebateId> debateId = parse(id);
        Optional<Debate> debate = debateId.flatMap(d -> debates.get(d, requester));
        if (debate.isEmpty()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(Map.of("error", error("debate.not_found", "No such debate.", false, null)));
        }
        long from = position(lastEventId != null ? lastEventId : after);
        long last = debate.get().lastSeq();
        if (from > last) {
            // Ids are handed out only for committed events, so this one was never sent: refusing it keeps a
            // stream from waiting an hour for an event that can never come.
            throw ValidationException.of(
                    "after",
                    "after.beyond_end",
                    "Last-Event-ID / after is beyond the debate's last event (" + last + ")");
        }
        if (from == last && debate.get().status().isTerminal()) {
            return HttpResponse.noContent(); // everything was delivered; 204 tells EventSource not to reconnect
        }
        String identity = principal.userId().toString();
        AtomicInteger open = perIdentity.computeIfAbsent(identity, k -> new AtomicInteger());
        if (open.incrementAndGet() > settings.maxStreamsPerIdentity()) {
            open.decrementAndGet();
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", "5")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(Map.of(
                            "error",
                            error(
                                    "stream.too_many",
                                    "Too many open streams for this identity (at most "
                                            + settings.maxStreamsPerIdentity() + ").",
                                    true,
                                    5L)));
        }
        MutableHttpResponse<Object> response = HttpResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no");
        Outlet outlet = new ReactiveOutlet(settings.maxBacklogBytes());
        if (request instanceof NettyHttpRequest<?> netty) {
            // Frames are shared by every subscriber: a per-connection compressor would cost CPU per subscriber, and
            // ChannelOutlet writes below Micronaut's compression. Event streams are sent as they are.
            netty.getNativeRequest().headers().remove(HttpHeaderNames.ACCEPT_ENCODING);
            Optional<ChannelOutlet> direct =
                    ChannelOutlet.prepare(netty.getChannelHandlerContext(), settings.maxBacklogBytes());
            if (direct.isPresent()) {
                response.header(ChannelOutlet.MARKER, direct.get().marker());
                outlet = direct.get();
            }
        }
        return response.body(DebateStream.open(
                debateId.get(), from, hub, settings, metrics, registry, open::decrementAndGet, outlet));
    }

    static Map<String, Object> error(String code, String message, boolean retryable, Long retryAfter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("details", Map.of());
        body.put("retryable", retryable);
        body.put("retry_after_seconds", retryAfter);
        return body;
    }

    private static long position(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ValidationException.of(
                    "after", "after.invalid", "Last-Event-ID / after must be a non-negative event id");
        }
    }

    private static Optional<DebateId> parse(String id) {
        try {
            return Optional.of(DebateId.parse(id));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }
}
