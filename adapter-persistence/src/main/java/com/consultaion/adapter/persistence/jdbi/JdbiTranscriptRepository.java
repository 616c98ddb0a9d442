package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementException;

/** Contributions, verdicts (with raw replies and labels) and rankings in PostgreSQL; keys are unique. */
public final class JdbiTranscriptRepository implements TranscriptRepository {

    private final Jdbi jdbi;

    public JdbiTranscriptRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void addContributions(DebateId id, List<Contribution> contributions) {
        try {
            jdbi.useHandle(h -> {
                PreparedBatch batch =
                        h.prepareBatch("INSERT INTO debate_contributions (debate_id, stage, round, phase, "
                                + "agent, model, provider, outcome, content, error, input_tokens, output_tokens, cost_usd, "
                                + "estimated, created_at) VALUES (:debateId, :stage, :round, :phase, :agent, :model, :provider, "
                                + ":outcome, :content, :error, :in, :out, :cost, :estimated, :at)");
                for (Contribution c : contributions) {
                    batch.bind("debateId", id.value())
                            .bind("stage", c.stage())
                            .bind("round", c.round())
                            .bind("phase", c.phase().wireName())
                            .bind("agent", c.agent())
                            .bind("model", c.model())
                            .bind("provider", c.provider())
                            .bind("outcome", c.ok() ? "ok" : "failed")
                            .bind("content", c.content())
                            .bind("error", c.error())
                            .bind("in", c.usage().inputTokens())
                            .bind("out", c.usage().outputTokens())
                            .bind("cost", BigDecimal.valueOf(c.usage().costUsd()))
                            .bind("estimated", c.usage().estimated())
                            .bind("at", JdbiDebateRepository.utc(c.at()))
                            .add();
                }
                batch.execute();
            });
        } catch (StatementException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateException("a contribution of debate " + id + " for the same stage and agent");
            }
            throw e;
        }
    }

    @Override
    public List<Contribution> contributions(DebateId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT stage, round, phase, agent, model, provider, content, error, "
                        + "input_tokens, output_tokens, cost_usd, estimated, created_at FROM debate_contributions "
                        + "WHERE debate_id = :id ORDER BY stage, created_at, ordinal")
                .bind("id", id.value())
                .map((rs, ctx) -> new Contribution(
                        rs.getInt("stage"),
                        rs.getInt("round"),
                        Phase.of(rs.getString("phase")).orElseThrow(() -> new IllegalStateException("unknown phase")),
                        rs.getString("agent"),
                        rs.getString("model"),
                        rs.getString("provider"),
                        rs.getString("content"),
                        rs.getString("error"),
                        new Usage(
                                rs.getLong("input_tokens"),
                                rs.getLong("output_tokens"),
                                rs.getBigDecimal("cost_usd").doubleValue(),
                                rs.getBoolean("estimated")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list());
    }

    @Override
    public void addVerdicts(DebateId id, List<Verdict> verdicts) {
        try {
            jdbi.useHandle(h -> {
                PreparedBatch batch = h.prepareBatch("INSERT INTO debate_verdicts (debate_id, judge, candidate, label, "
                        + "model, parsed, criteria, score, rationale, reason, raw_text, input_tokens, output_tokens, "
                        + "cost_usd, estimated, created_at) VALUES (:debateId, :judge, :candidate, :label, :model, "
                        + ":parsed, CAST(:criteria AS JSONB), :score, :rationale, :reason, :raw, :in, :out, :cost, "
                        + ":estimated, :at)");
                for (Verdict v : verdicts) {
                    JudgeVerdict.Parsed parsed = v.verdict() instanceof JudgeVerdict.Parsed p ? p : null;
                    batch.bind("debateId", id.value())
                            .bind("judge", v.judge())
                            .bind("candidate", v.candidate())
                            .bind("label", v.label())
                            .bind("model", v.model())
                            .bind("parsed", parsed != null)
                            .bind("criteria", parsed == null ? null : Json.write(parsed.criteria()))
                            .bind("score", parsed == null ? null : parsed.score())
                            .bind("rationale", parsed == null ? null : parsed.rationale())
                            .bind("reason", v.verdict() instanceof JudgeVerdict.Unparseable u ? u.reason() : null)
                            .bind("raw", v.rawText())
                            .bind("in", v.usage().inputTokens())
                            .bind("out", v.usage().outputTokens())
                            .bind("cost", BigDecimal.valueOf(v.usage().costUsd()))
                            .bind("estimated", v.usage().estimated())
                            .bind("at", JdbiDebateRepository.utc(v.at()))
                            .add();
                }
                batch.execute();
            });
        } catch (StatementException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateException("a verdict of debate " + id + " by the same judge on the same candidate");
            }
            throw e;
        }
    }

    @Override
    public List<Verdict> verdicts(DebateId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT judge, candidate, label, model, parsed, criteria, rationale, "
                        + "reason, raw_text, input_tokens, output_tokens, cost_usd, estimated, created_at "
                        + "FROM debate_verdicts WHERE debate_id = :id ORDER BY ordinal")
                .bind("id", id.value())
                .map((rs, ctx) -> {
                    JudgeVerdict verdict;
                    if (rs.getBoolean("parsed")) {
                        Map<String, Double> criteria = new LinkedHashMap<>();
                        Json.map(rs.getString("criteria"))
                                .forEach((k, v) -> criteria.put(k, ((Number) v).doubleValue()));
                        verdict = new JudgeVerdict.Parsed(criteria, rs.getString("rationale"));
                    } else {
                        verdict = new JudgeVerdict.Unparseable(rs.getString("reason"));
                    }
                    return new Verdict(
                            rs.getString("judge"),
                            rs.getString("candidate"),
                            rs.getString("label"),
                            rs.getString("model"),
                            verdict,
                            rs.getString("raw_text"),
                            new Usage(
                                    rs.getLong("input_tokens"),
                                    rs.getLong("output_tokens"),
                                    rs.getBigDecimal("cost_usd").doubleValue(),
                                    rs.getBoolean("estimated")),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant());
                })
                .list());
    }

    @Override
    public void saveRanking(DebateId id, RankingResult ranking) {
        List<Map<String, Object>> rows = ranking.ranking().stream()
                .map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("candidate", r.candidate());
                    m.put("rank", r.rank());
                    m.put("score", r.score());
                    m.put("borda", r.borda());
                    m.put("condorcet", r.condorcet());
                    m.put("verdicts", r.verdicts());
                    return m;
                })
                .toList();
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO debate_rankings (debate_id, method, result, created_at) "
                            + "VALUES (:id, :method, CAST(:result AS JSONB), :at)")
                    .bind("id", id.value())
                    .bind("method", ranking.method())
                    .bind("result", Json.write(rows))
                    .bind("at", JdbiDebateRepository.utc(Instant.now()))
                    .execute());
        } catch (StatementException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new DuplicateException("the ranking of debate " + id);
            }
            throw e;
        }
    }

    @Override
    public Optional<RankingResult> ranking(DebateId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT method, result FROM debate_rankings WHERE debate_id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new RankingResult(
                        rs.getString("method"),
                        Json.list(rs.getString("result")).stream()
                                .map(o -> {
                                    @SuppressWarnings("unchecked")
                                    Map<String, Object> m = (Map<String, Object>) o;
                                    Number score = (Number) m.get("score");
                                    return new RankedCandidate(
                                            (String) m.get("candidate"),
                                            ((Number) m.get("rank")).intValue(),
                                            score == null ? null : score.doubleValue(),
                                            ((Number) m.get("borda")).doubleValue(),
                                            ((Number) m.get("condorcet")).doubleValue(),
                                            ((Number) m.get("verdicts")).intValue());
                                })
                                .toList()))
                .findOne());
    }
}
