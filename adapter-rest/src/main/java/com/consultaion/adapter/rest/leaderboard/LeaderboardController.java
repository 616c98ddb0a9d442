package com.consultaion.adapter.rest.leaderboard;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.http.QueryParams;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.RecomputeRatingsUseCase;
import com.consultaion.domain.rating.PersonaStats;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard, per-persona statistics and the hall of fame (public; a signed-in caller also sees the prompts
 * of the debates it may read), and the admin recompute.
 */
@Controller
final class LeaderboardController {

    private static final String CACHE_PUBLIC = "public, max-age=30";

    private final LeaderboardQueries leaderboard;
    private final RecomputeRatingsUseCase recompute;

    LeaderboardController(LeaderboardQueries leaderboard, RecomputeRatingsUseCase recompute) {
        this.leaderboard = leaderboard;
        this.recompute = recompute;
    }

    @Get("/leaderboard")
    HttpResponse<Map<String, Object>> board(
            @Nullable @QueryValue String category,
            @Nullable @QueryValue("min_matches") String minMatches,
            @Nullable @QueryValue String limit) {
        List<Map<String, Object>> items = leaderboard
                .board(
                        category,
                        QueryParams.integer("min_matches", minMatches, 0),
                        QueryParams.integer("limit", limit, LeaderboardQueries.DEFAULT_LIMIT))
                .stream()
                .map(RatingView::entry)
                .toList();
        return HttpResponse.ok(Map.<String, Object>of("items", items)).header("Cache-Control", CACHE_PUBLIC);
    }

    @Get("/leaderboard/persona/{persona}")
    HttpResponse<?> persona(String persona, @Nullable @QueryValue String category) {
        return leaderboard
                .entry(category, persona)
                .<HttpResponse<?>>map(e -> HttpResponse.ok(RatingView.entry(e)).header("Cache-Control", CACHE_PUBLIC))
                .orElseGet(() -> notFound("leaderboard.persona_not_found", "No leaderboard entry for this persona."));
    }

    @Get("/stats/models")
    Map<String, Object> models(@Nullable @QueryValue String limit) {
        return Map.of(
                "items",
                leaderboard.personaStats(QueryParams.integer("limit", limit, LeaderboardQueries.MAX_LIMIT)).stream()
                        .map(LeaderboardController::stats)
                        .toList());
    }

    @Get("/stats/models/{persona}")
    HttpResponse<?> model(HttpRequest<?> request, String persona, @Nullable @QueryValue String limit) {
        return leaderboard
                .persona(
                        persona,
                        QueryParams.integer("limit", limit, LeaderboardQueries.DEFAULT_LIMIT),
                        Principals.requesterOrAnonymous(request))
                .<HttpResponse<?>>map(d -> {
                    Map<String, Object> body = stats(d.stats());
                    body.put(
                            "recent_debates",
                            d.recentDebates().stream()
                                    .map(LeaderboardController::line)
                                    .toList());
                    body.put(
                            "champion_samples",
                            d.championSamples().stream()
                                    .map(LeaderboardController::line)
                                    .toList());
                    return HttpResponse.ok(body).header("Cache-Control", "private, max-age=30");
                })
                .orElseGet(() -> notFound("stats.model_not_found", "No rated debates for this persona."));
    }

    @Get("/stats/hall-of-fame")
    HttpResponse<Map<String, Object>> hallOfFame(
            HttpRequest<?> request,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String model,
            @Nullable @QueryValue("start_date") String startDate,
            @Nullable @QueryValue("end_date") String endDate) {
        List<Map<String, Object>> items = leaderboard
                .hallOfFame(
                        sort,
                        QueryParams.integer("limit", limit, LeaderboardQueries.DEFAULT_LIMIT),
                        model,
                        QueryParams.instant("start_date", startDate),
                        QueryParams.instant("end_date", endDate),
                        Principals.requesterOrAnonymous(request))
                .stream()
                .map(f -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", f.id().toString());
                    m.put("prompt", f.prompt().orElse(null));
                    m.put("champion", f.champion());
                    m.put("champion_score", f.championScore());
                    m.put("runner_up_score", f.runnerUpScore());
                    m.put("margin", f.margin());
                    m.put("created_at", f.at().toString());
                    m.put("champion_excerpt", f.championExcerpt().orElse(null));
                    return m;
                })
                .toList();
        return HttpResponse.ok(Map.<String, Object>of("items", items)).header("Cache-Control", "private, max-age=30");
    }

    @Post("/admin/ratings/recompute")
    Map<String, Object> recompute(HttpRequest<?> request) {
        AuthenticateQuery.Principal principal = Principals.of(request);
        LeaderboardQueries.Recomputed done = recompute.recompute(principal.requester(), Principals.client(request));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categories", done.categories());
        body.put("entries", done.entries());
        body.put("through", done.through());
        body.put("took_ms", done.millis());
        return body;
    }

    private static HttpResponse<?> notFound(String code, String message) {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of(code, message));
    }

    /** Low before high, always (a client reading the JSON in order should not have to sort it). */
    static Map<String, Object> interval(double low, double high) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("low", low);
        m.put("high", high);
        return m;
    }

    private static Map<String, Object> stats(PersonaStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", s.persona());
        m.put("persona", s.persona());
        m.put("total_debates", s.debates());
        m.put("wins", s.wins());
        m.put("win_rate", s.winRate());
        m.put("avg_champion_score", s.avgChampionScore());
        m.put("avg_score_overall", s.avgScore());
        return m;
    }

    private static Map<String, Object> line(LeaderboardQueries.DebateLine d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id().toString());
        m.put("prompt", d.prompt().orElse(null));
        m.put("score", d.score());
        m.put("champion", d.champion());
        m.put("created_at", d.at().toString());
        m.put("excerpt", d.excerpt().orElse(null));
        return m;
    }
}
