package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.RatingStore;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.rating.Match;
import com.consultaion.domain.rating.PersonaStats;
import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RatingEntry;
import com.consultaion.domain.rating.RecordedMatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The leaderboard's facts and boards in PostgreSQL. Uniqueness on the debate and on (owner, fingerprint) makes
 * {@link #record} exactly-once under concurrency: a second insert waits for the first to commit, then does
 * nothing.
 */
public final class JdbiRatingStore implements RatingStore {

    /** The owner key of debates without an owner (embedded use). */
    static final UUID NO_OWNER = new UUID(0, 0);

    private static final String ENTRY_COLUMNS = "persona, category, elo, bt_rating, ci_low, ci_high, rank, n_matches, "
            + "win_rate, win_rate_low, win_rate_high, last_updated";

    private static final String DEBATE_COLUMNS =
            "d.debate_id, db.owner_id, db.team_id, db.prompt, db.final_content, d.rated_at";

    private final Jdbi jdbi;

    public JdbiRatingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean record(RatedDebate debate) {
        return jdbi.inTransaction(h -> {
            RatedDebate.Score champion = debate.champion();
            Optional<Long> seq = h.createQuery("INSERT INTO rated_debates (debate_id, owner_key, fingerprint, "
                            + "category, champion, champion_score, runner_up_score, rated_at) VALUES (:debate, :owner, "
                            + ":fingerprint, :category, :champion, :championScore, :runnerUp, :at) "
                            + "ON CONFLICT DO NOTHING RETURNING seq")
                    .bind("debate", debate.debate().value())
                    .bind("owner", debate.owner().map(UserId::value).orElse(NO_OWNER))
                    .bind("fingerprint", debate.fingerprint())
                    .bind("category", debate.category())
                    .bind("champion", champion.persona())
                    .bind("championScore", champion.score())
                    .bind("runnerUp", debate.runnerUpScore())
                    .bind("at", JdbiDebateRepository.utc(debate.at()))
                    .mapTo(Long.class)
                    .findOne();
            if (seq.isEmpty()) {
                return false;
            }
            PreparedBatch scores = h.prepareBatch("INSERT INTO rated_scores (debate_id, persona, score, rank, "
                    + "champion) VALUES (:debate, :persona, :score, :rank, :champion)");
            for (RatedDebate.Score s : debate.scores()) {
                scores.bind("debate", debate.debate().value())
                        .bind("persona", s.persona())
                        .bind("score", s.score())
                        .bind("rank", s.rank())
                        .bind("champion", s.persona().equals(champion.persona()))
                        .add();
            }
            scores.execute();
            PreparedBatch matches = h.prepareBatch("INSERT INTO rating_matches (debate_id, ordinal, persona_a, "
                    + "persona_b, score_a) VALUES (:debate, :ordinal, :a, :b, :score)");
            for (int i = 0; i < debate.matches().size(); i++) {
                Match m = debate.matches().get(i);
                matches.bind("debate", debate.debate().value())
                        .bind("ordinal", i)
                        .bind("a", m.a())
                        .bind("b", m.b())
                        .bind("score", m.scoreA())
                        .add();
            }
            matches.execute();
            return true;
        });
    }

    @Override
    public List<String> categories() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT category FROM rated_debates ORDER BY category")
                .mapTo(String.class)
                .list());
    }

    @Override
    public List<RecordedMatch> matches(String category) {
        return jdbi.withHandle(h -> h.createQuery("SELECT m.persona_a, m.persona_b, m.score_a, d.rated_at "
                        + "FROM rating_matches m JOIN rated_debates d ON d.debate_id = m.debate_id "
                        + "WHERE (:category = '' OR d.category = :category) ORDER BY d.seq, m.ordinal")
                .bind("category", category)
                .setFetchSize(10_000)
                .map((rs, ctx) -> new RecordedMatch(
                        new Match(rs.getString("persona_a"), rs.getString("persona_b"), rs.getDouble("score_a")),
                        JdbiTimes.instant(rs, "rated_at")))
                .list());
    }

    @Override
    public long lastRecorded() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM rated_debates")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public boolean replaceBoard(String category, List<RatingEntry> entries, long through) {
        return jdbi.inTransaction(h -> {
            // Takes the board's row lock, so replacements of one category queue up; refused if stale.
            boolean fresh = h.createQuery("INSERT INTO rating_boards (category, through_seq, computed_at) "
                            + "VALUES (:category, :through, now()) ON CONFLICT (category) DO UPDATE SET "
                            + "through_seq = EXCLUDED.through_seq, computed_at = EXCLUDED.computed_at "
                            + "WHERE rating_boards.through_seq <= EXCLUDED.through_seq RETURNING category")
                    .bind("category", category)
                    .bind("through", through)
                    .mapTo(String.class)
                    .findOne()
                    .isPresent();
            if (!fresh) {
                return false;
            }
            h.createUpdate("DELETE FROM ratings WHERE category = :category")
                    .bind("category", category)
                    .execute();
            if (entries.isEmpty()) {
                return true;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO ratings (" + ENTRY_COLUMNS + ") VALUES (:persona, "
                    + ":category, :elo, :bt, :ciLow, :ciHigh, :rank, :matches, :winRate, :winLow, :winHigh, :updated)");
            for (RatingEntry e : entries) {
                batch.bind("persona", e.persona())
                        .bind("category", category)
                        .bind("elo", e.elo())
                        .bind("bt", e.btRating())
                        .bind("ciLow", e.ciLow())
                        .bind("ciHigh", e.ciHigh())
                        .bind("rank", e.rank())
                        .bind("matches", e.matches())
                        .bind("winRate", e.winRate())
                        .bind("winLow", e.winRateLow())
                        .bind("winHigh", e.winRateHigh())
                        .bind("updated", JdbiDebateRepository.utc(e.lastUpdated()))
                        .add();
            }
            batch.execute();
            return true;
        });
    }

    @Override
    public long boardThrough(String category) {
        return jdbi.withHandle(h -> h.createQuery("SELECT through_seq FROM rating_boards WHERE category = :category")
                .bind("category", category)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }

    @Override
    public List<RatingEntry> board(String category, int minMatches, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM ratings WHERE category = "
                        + ":category AND n_matches >= :min ORDER BY rank, bt_rating DESC, persona LIMIT :limit")
                .bind("category", category)
                .bind("min", minMatches)
                .bind("limit", limit)
                .map((rs, ctx) -> entry(rs))
                .list());
    }

    @Override
    public Optional<RatingEntry> entry(String category, String persona) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + ENTRY_COLUMNS + " FROM ratings WHERE category = :category AND persona = :persona")
                .bind("category", category)
                .bind("persona", persona)
                .map((rs, ctx) -> entry(rs))
                .findOne());
    }

    private static final String STATS = "SELECT persona, count(*) AS debates, count(*) FILTER (WHERE champion) AS "
            + "wins, avg(score) FILTER (WHERE champion) AS avg_champion, avg(score) AS avg_score FROM rated_scores ";

    @Override
    public List<PersonaStats> personaStats(int limit) {
        return jdbi.withHandle(
                h -> h.createQuery(STATS + "GROUP BY persona ORDER BY wins DESC, debates DESC, persona LIMIT :limit")
                        .bind("limit", limit)
                        .map((rs, ctx) -> stats(rs))
                        .list());
    }

    @Override
    public Optional<PersonaStats> personaStats(String persona) {
        return jdbi.withHandle(h -> h.createQuery(STATS + "WHERE persona = :persona GROUP BY persona")
                .bind("persona", persona)
                .map((rs, ctx) -> stats(rs))
                .findOne());
    }

    @Override
    public List<PersonaDebate> debatesOf(String persona, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + DEBATE_COLUMNS + ", s.score, s.champion "
                        + "FROM rated_scores s JOIN rated_debates d ON d.debate_id = s.debate_id "
                        + "JOIN debates db ON db.id = d.debate_id WHERE s.persona = :persona "
                        + "ORDER BY d.seq DESC LIMIT :limit")
                .bind("persona", persona)
                .bind("limit", limit)
                .map((rs, ctx) -> new PersonaDebate(
                        new DebateId(rs.getObject("debate_id", UUID.class)),
                        owner(rs),
                        Optional.ofNullable(rs.getObject("team_id", UUID.class)),
                        rs.getString("prompt"),
                        rs.getString("final_content"),
                        rs.getDouble("score"),
                        rs.getBoolean("champion"),
                        JdbiTimes.instant(rs, "rated_at")))
                .list());
    }

    @Override
    public List<RatedDebateRow> hallOfFame(HallOfFameQuery query) {
        // The order is one of three fixed clauses chosen by an enum; no caller text reaches the SQL.
        String order = switch (query.sort()) {
            case TOP -> "d.champion_score DESC, d.seq DESC";
            case RECENT -> "d.seq DESC";
            case CLOSEST -> "(d.champion_score - d.runner_up_score), d.champion_score DESC, d.seq DESC";
        };
        return jdbi.withHandle(h -> h.createQuery("SELECT " + DEBATE_COLUMNS + ", d.champion, d.champion_score, "
                        + "d.runner_up_score FROM rated_debates d JOIN debates db ON db.id = d.debate_id WHERE "
                        + "(CAST(:contains AS TEXT) IS NULL OR strpos(lower(d.champion), lower(CAST(:contains AS TEXT))) > 0) "
                        + "AND (CAST(:from AS TIMESTAMPTZ) IS NULL OR d.rated_at >= CAST(:from AS TIMESTAMPTZ)) "
                        + "AND (CAST(:to AS TIMESTAMPTZ) IS NULL OR d.rated_at <= CAST(:to AS TIMESTAMPTZ)) "
                        + "ORDER BY " + order + " LIMIT :limit")
                .bind("contains", query.championContains())
                .bind("from", JdbiTimes.utc(query.from()))
                .bind("to", JdbiTimes.utc(query.to()))
                .bind("limit", query.limit())
                .map((rs, ctx) -> new RatedDebateRow(
                        new DebateId(rs.getObject("debate_id", UUID.class)),
                        owner(rs),
                        Optional.ofNullable(rs.getObject("team_id", UUID.class)),
                        rs.getString("prompt"),
                        rs.getString("final_content"),
                        rs.getString("champion"),
                        rs.getDouble("champion_score"),
                        rs.getDouble("runner_up_score"),
                        JdbiTimes.instant(rs, "rated_at")))
                .list());
    }

    private static Optional<UserId> owner(ResultSet rs) throws SQLException {
        return Optional.ofNullable(rs.getObject("owner_id", UUID.class)).map(UserId::new);
    }

    private static PersonaStats stats(ResultSet rs) throws SQLException {
        double champion = rs.getDouble("avg_champion");
        Double avgChampion = rs.wasNull() ? null : champion;
        return new PersonaStats(
                rs.getString("persona"),
                rs.getInt("debates"),
                rs.getInt("wins"),
                avgChampion,
                rs.getDouble("avg_score"));
    }

    private static RatingEntry entry(ResultSet rs) throws SQLException {
        Instant updated = JdbiTimes.instant(rs, "last_updated");
        return new RatingEntry(
                rs.getString("persona"),
                rs.getString("category"),
                rs.getDouble("elo"),
                rs.getDouble("bt_rating"),
                rs.getDouble("ci_low"),
                rs.getDouble("ci_high"),
                rs.getInt("rank"),
                rs.getInt("n_matches"),
                rs.getDouble("win_rate"),
                rs.getDouble("win_rate_low"),
                rs.getDouble("win_rate_high"),
                updated);
    }
}
