package com.consultaion.application.port.in;

/** Port in: rebuild every leaderboard from the stored matches (admins only; the numbers do not change). */
public interface RecomputeRatingsUseCase {

    /**
     * Rebuilds every board from the recorded matches; audited ({@code ratings_recomputed}).
     *
     * @throws PermissionDenied unless the requester is an admin
     */
    LeaderboardQueries.Recomputed recompute(Requester requester, ClientContext client);
}
