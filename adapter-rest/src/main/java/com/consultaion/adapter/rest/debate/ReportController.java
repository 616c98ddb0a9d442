package com.consultaion.adapter.rest.debate;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.ExportDebateUseCase;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Read-only views of a debate: report, timeline, members, judges, and the Markdown and CSV exports. */
@Controller("/debates")
final class ReportController {

    private final GetTranscriptQuery transcripts;
    private final ReadDebateEventsQuery events;
    private final ExportDebateUseCase exports;

    ReportController(GetTranscriptQuery transcripts, ReadDebateEventsQuery events, ExportDebateUseCase exports) {
        this.transcripts = transcripts;
        this.events = events;
        this.exports = exports;
    }

    @Get("/{id}/report")
    HttpResponse<?> report(HttpRequest<?> request, String id) {
        return with(request, id, t -> HttpResponse.ok(Reports.report(t)));
    }

    @Get("/{id}/members")
    HttpResponse<?> members(HttpRequest<?> request, String id) {
        return with(request, id, t -> HttpResponse.ok(Map.of("members", Reports.members(t))));
    }

    @Get("/{id}/judges")
    HttpResponse<?> judges(HttpRequest<?> request, String id) {
        return with(request, id, t -> HttpResponse.ok(Map.of("judges", Reports.judges(t))));
    }

    /** The ordered timeline of a finished debate; 409 while it runs. */
    @Get("/{id}/timeline")
    HttpResponse<?> timeline(HttpRequest<?> request, String id) {
        AuthenticateQuery.Principal principal = Principals.of(request);
        return with(request, id, t -> {
            if (!t.debate().status().isTerminal()) {
                return HttpResponse.status(HttpStatus.CONFLICT)
                        .body(ApiError.of(
                                "debate.not_finished", "The timeline is available once the debate has finished."));
            }
            List<Map<String, Object>> items = events
                    .readAfter(t.debate().id(), principal.requester(), 0, ReadDebateEventsQuery.MAX_LIMIT)
                    .orElse(List.of())
                    .stream()
                    .map(ReportController::timelineItem)
                    .toList();
            return HttpResponse.ok(Map.of("items", items));
        });
    }

    @Post("/{id}/export")
    HttpResponse<?> export(HttpRequest<?> request, String id) {
        return exported(
                request,
                id,
                ExportDebateUseCase.Format.MARKDOWN,
                t -> HttpResponse.ok(Reports.markdown(t))
                        .contentType("text/markdown; charset=utf-8")
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"" + t.debate().id() + ".md\""));
    }

    @Get("/{id}/scores.csv")
    HttpResponse<?> csv(HttpRequest<?> request, String id) {
        return exported(
                request,
                id,
                ExportDebateUseCase.Format.SCORES_CSV,
                t -> HttpResponse.ok(Reports.csv(t))
                        .contentType("text/csv; charset=utf-8")
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"scores_" + t.debate().id() + ".csv\""));
    }

    private HttpResponse<?> exported(
            HttpRequest<?> request,
            String id,
            ExportDebateUseCase.Format format,
            Function<GetTranscriptQuery.Transcript, HttpResponse<?>> view) {
        return parse(id)
                .flatMap(d -> exports.export(d, Principals.of(request).requester(), format, Principals.client(request)))
                .<HttpResponse<?>>map(view)
                .orElseGet(DebatesController::notFound);
    }

    private static Map<String, Object> timelineItem(DebateEvent e) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("event_id", "evt:" + e.seq());
        item.put("debate_id", e.debateId().toString());
        item.put("ts", e.ts().toString());
        item.put("type", e.type());
        item.put("round_index", e.payload().fields().get("round"));
        item.put("payload", e.payload().fields());
        return item;
    }

    private HttpResponse<?> with(
            HttpRequest<?> request, String id, Function<GetTranscriptQuery.Transcript, HttpResponse<?>> view) {
        return parse(id)
                .flatMap(d -> transcripts.transcript(d, Principals.of(request).requester()))
                .<HttpResponse<?>>map(view)
                .orElseGet(DebatesController::notFound);
    }

    private static Optional<DebateId> parse(String id) {
        try {
            return Optional.of(DebateId.parse(id));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }
}
