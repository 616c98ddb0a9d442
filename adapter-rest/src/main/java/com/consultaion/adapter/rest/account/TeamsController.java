package com.consultaion.adapter.rest.account;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.TeamUseCases;
import com.consultaion.domain.team.Membership;
import com.consultaion.domain.team.TeamMember;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Teams: create, list mine, list and add members. A team one does not belong to is 404. */
@Controller("/teams")
final class TeamsController {

    private final TeamUseCases teams;

    TeamsController(TeamUseCases teams) {
        this.teams = teams;
    }

    @Serdeable
    record CreateTeam(@Nullable String name) {}

    @Serdeable
    record AddMember(@Nullable String email, @Nullable String role) {}

    @Post
    HttpResponse<Map<String, Object>> create(HttpRequest<?> request, @Body CreateTeam body) {
        Membership m = teams.create(requester(request), body.name(), Principals.client(request));
        return HttpResponse.status(HttpStatus.CREATED).body(team(m));
    }

    @Get
    Map<String, Object> mine(HttpRequest<?> request) {
        return Map.of(
                "items",
                teams.mine(requester(request)).stream()
                        .map(TeamsController::team)
                        .toList());
    }

    @Get("/{id}/members")
    HttpResponse<?> members(HttpRequest<?> request, String id) {
        return parse(id)
                .flatMap(t -> teams.members(requester(request), t))
                .<HttpResponse<?>>map(list -> HttpResponse.ok(Map.of(
                        "team_id",
                        id,
                        "members",
                        list.stream().map(TeamsController::member).toList())))
                .orElseGet(TeamsController::notFound);
    }

    @Post("/{id}/members")
    HttpResponse<?> add(HttpRequest<?> request, String id, @Body AddMember body) {
        return parse(id)
                .flatMap(t ->
                        teams.addMember(requester(request), t, body.email(), body.role(), Principals.client(request)))
                .<HttpResponse<?>>map(
                        m -> HttpResponse.status(HttpStatus.CREATED).body(member(m)))
                .orElseGet(TeamsController::notFound);
    }

    private static Requester requester(HttpRequest<?> request) {
        return Principals.of(request).requester();
    }

    private static Map<String, Object> team(Membership m) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", m.team().id().toString());
        t.put("name", m.team().name());
        t.put("created_at", m.team().createdAt().toString());
        t.put("role", m.role().wireName());
        return t;
    }

    private static Map<String, Object> member(TeamMember m) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("user_id", m.userId().toString());
        t.put("email", m.email().value());
        t.put("role", m.role().wireName());
        t.put("created_at", m.since().toString());
        return t;
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<ApiError> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of("team.not_found", "No such team."));
    }
}
