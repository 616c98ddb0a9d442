package com.consultaion.adapter.rest.leaderboard;

import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RatingEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** A leaderboard entry as clients see it ({@code GET /leaderboard}, the MCP tool {@code leaderboard}). */
public final class RatingView {

    private RatingView() {}

    public static Map<String, Object> entry(RatingEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("persona", e.persona());
        m.put("category", e.category().equals(RatedDebate.OVERALL) ? null : e.category());
        m.put("elo", e.elo());
        m.put("bt_rating", e.btRating());
        // The original service's field: here the rating's standard error read off its 95% bootstrap interval.
        m.put("stdev", (e.ciHigh() - e.ciLow()) / (2 * 1.96));
        m.put("ci", LeaderboardController.interval(e.ciLow(), e.ciHigh()));
        m.put("rank", e.rank());
        m.put("n_matches", e.matches());
        m.put("win_rate", e.winRate());
        m.put("win_rate_ci", LeaderboardController.interval(e.winRateLow(), e.winRateHigh()));
        m.put("last_updated", e.lastUpdated().toString());
        m.put("badge", e.badge().orElse(null));
        return m;
    }
}
