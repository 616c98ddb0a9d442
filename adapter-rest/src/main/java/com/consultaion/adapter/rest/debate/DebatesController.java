package com.consultaion.adapter.rest.debate;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.http.QueryParams;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.ListDebatesQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.RetryDebateUseCase;
import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.application.port.in.TeamUseCases;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Debates: start, list, read, follow as JSON events, cancel, retry. A debate the caller may not see answers 404
 * on every route, exactly like one that does not exist.
 */
@Controller("/debates")
final class DebatesController {

    private final StartDebateUseCase start;
    private final GetDebateQuery get;
    private final ListDebatesQuery list;
    private final ReadDebateEventsQuery events;
    private final CancelDebateUseCase cancel;
    private final RetryDebateUseCase retry;
    private final TeamUseCases teams;

    DebatesController(
            StartDebateUseCase start,
            GetDebateQuery get,
            ListDebatesQuery list,
            ReadDebateEventsQuery events,
            CancelDebateUseCase cancel,
            RetryDebateUseCase retry,
            TeamUseCases teams) {
        this.start = start;
        this.get = get;
        this.list = list;
        this.events = events;
        this.cancel = cancel;
        this.retry = retry;
        this.teams = teams;
    }

    /** What a client may change on a debate: the team it is shared with ("" or null unshares). */
    @Serdeable
    record PatchDebate(@Nullable @JsonProperty("team_id") String teamId) {}

    @Patch("/{id}")
    HttpResponse<?> patch(HttpRequest<?> request, String id, @Body PatchDebate body) {
        Requester requester = Principals.of(request).requester();
        UUID team = null;
        if (body.teamId() != null && !body.teamId().isBlank()) {
            try {
                team = UUID.fromString(body.teamId().strip());
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("team_id", "team_id.invalid", "must be a UUID or empty");
            }
        }
        UUID teamId = team;
        return parse(id)
                .flatMap(d -> teams.share(requester, d, teamId, Principals.client(request)))
                .<HttpResponse<?>>map(d -> HttpResponse.ok(DebateResponse.of(d, null)))
                .orElseGet(DebatesController::notFound);
    }

    /** What a client may set when creating a debate; nothing else (no owner, no status) is read. */
    @Serdeable
    record CreateDebateRequest(
            @Nullable String prompt,
            @Nullable String mode,
            @Nullable @JsonProperty("model_id") String modelId,
            @Nullable @JsonProperty("routing_policy") String routingPolicy,
            @Nullable Map<String, Object> config,
            @Nullable @JsonProperty("panel_config") Map<String, Object> panelConfig,
            @Nullable String category) {}

    @Serdeable
    record PageResponse(
            List<DebateResponse> items,
            long total,
            int limit,
            int offset,
            @JsonProperty("has_more") boolean hasMore) {}

    @Serdeable
    record EventsResponse(
            List<Map<String, Object>> items,
            @JsonProperty("next_after") long nextAfter) {}

    @Post
    HttpResponse<DebateResponse> create(HttpRequest<?> request, @Body CreateDebateRequest body) {
        Debate debate = start.start(
                StartDebateCommand.fromClient(
                        Principals.of(request).requester(),
                        body.prompt(),
                        body.mode(),
                        body.modelId(),
                        body.routingPolicy(),
                        body.config(),
                        body.panelConfig(),
                        body.category()),
                Principals.client(request));
        return HttpResponse.status(HttpStatus.CREATED)
                .header("Location", URI.create("/debates/" + debate.id()).toString())
                .body(DebateResponse.of(debate, null));
    }

    @Get("{?status,q,limit,offset}")
    PageResponse list(
            HttpRequest<?> request,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String offset) {
        Requester requester = Principals.of(request).requester();
        ListDebatesQuery.Page page = list.list(
                requester,
                status,
                "all".equals(status),
                q,
                QueryParams.integer("limit", limit, 20),
                QueryParams.integer("offset", offset, 0));
        return new PageResponse(
                page.items().stream().map(d -> DebateResponse.of(d, null)).toList(),
                page.total(),
                page.limit(),
                page.offset(),
                page.hasMore());
    }

    @Get("/{id}")
    HttpResponse<?> one(HttpRequest<?> request, String id) {
        Requester requester = Principals.of(request).requester();
        return visible(id, requester)
                .<HttpResponse<?>>map(d -> HttpResponse.ok(DebateResponse.of(d, finalMeta(d, requester))))
                .orElseGet(DebatesController::notFound);
    }

    @Get("/{id}/events{?after,limit}")
    HttpResponse<?> events(
            HttpRequest<?> request, String id, @Nullable @QueryValue String after, @Nullable @QueryValue String limit) {
        Requester requester = Principals.of(request).requester();
        Optional<DebateId> debateId = parse(id);
        if (debateId.isEmpty()) {
            return notFound();
        }
        long afterSeq = QueryParams.integer("after", after, 0);
        Optional<List<DebateEvent>> found =
                events.readAfter(debateId.get(), requester, afterSeq, QueryParams.integer("limit", limit, 500));
        return found.<HttpResponse<?>>map(list -> HttpResponse.ok(new EventsResponse(
                        list.stream().map(DebateEvent::wireFields).toList(),
                        list.isEmpty() ? afterSeq : list.get(list.size() - 1).seq())))
                .orElseGet(DebatesController::notFound);
    }

    @Post("/{id}/cancel")
    HttpResponse<?> cancel(HttpRequest<?> request, String id) {
        Requester requester = Principals.of(request).requester();
        return parse(id)
                .flatMap(d -> cancel.cancel(d, requester))
                .<HttpResponse<?>>map(
                        d -> HttpResponse.status(HttpStatus.ACCEPTED).body(DebateResponse.of(d, null)))
                .orElseGet(DebatesController::notFound);
    }

    @Post("/{id}/retry")
    HttpResponse<?> retry(HttpRequest<?> request, String id) {
        Requester requester = Principals.of(request).requester();
        return parse(id)
                .flatMap(d -> retry.retry(d, requester))
                .<HttpResponse<?>>map(
                        d -> HttpResponse.status(HttpStatus.ACCEPTED).body(DebateResponse.of(d, null)))
                .orElseGet(DebatesController::notFound);
    }

    private Optional<Debate> visible(String id, Requester requester) {
        return parse(id).flatMap(d -> get.get(d, requester));
    }

    private Map<String, Object> finalMeta(Debate d, Requester requester) {
        if (!d.status().isTerminal() || d.lastSeq() < 1) {
            return null;
        }
        return events.readAfter(d.id(), requester, d.lastSeq() - 1, 1).orElse(List.of()).stream()
                .map(DebateEvent::payload)
                .filter(p -> p instanceof EventPayload.Final)
                .map(p -> new LinkedHashMap<>(((EventPayload.Final) p).meta()))
                .<Map<String, Object>>map(m -> m)
                .findFirst()
                .orElse(null);
    }

    /** A malformed id names no debate: 404, as for any unknown one. */
    private static Optional<DebateId> parse(String id) {
        try {
            return Optional.of(DebateId.parse(id));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    static HttpResponse<ApiError> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of("debate.not_found", "No such debate."));
    }
}
