package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contributions, verdicts and rankings in memory; keys are unique as in the PostgreSQL schema. */
public final class InMemoryTranscriptRepository implements TranscriptRepository {

    private final InMemoryDatabase db;
    final Map<DebateId, List<Contribution>> contributions = new HashMap<>();
    final Map<DebateId, List<Verdict>> verdicts = new HashMap<>();
    private final Map<DebateId, RankingResult> rankings = new HashMap<>();

    public InMemoryTranscriptRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void addContributions(DebateId id, List<Contribution> added) {
        db.write(() -> {
            List<Contribution> list = contributions.computeIfAbsent(id, k -> new ArrayList<>());
            for (int i = 0; i < added.size(); i++) {
                Contribution c = added.get(i);
                boolean duplicate = list.stream()
                                .anyMatch(
                                        o -> o.stage() == c.stage() && o.agent().equals(c.agent()))
                        || added.subList(0, i).stream()
                                .anyMatch(
                                        o -> o.stage() == c.stage() && o.agent().equals(c.agent()));
                if (duplicate) {
                    throw new DuplicateException("contribution of " + c.agent() + " in stage " + c.stage());
                }
            }
            int before = list.size();
            list.addAll(added);
            return () -> list.subList(before, list.size()).clear();
        });
    }

    @Override
    public List<Contribution> contributions(DebateId id) {
        return db.read(() -> List.copyOf(contributions.getOrDefault(id, List.of())));
    }

    @Override
    public void addVerdicts(DebateId id, List<Verdict> added) {
        db.write(() -> {
            List<Verdict> list = verdicts.computeIfAbsent(id, k -> new ArrayList<>());
            for (int i = 0; i < added.size(); i++) {
                Verdict v = added.get(i);
                boolean duplicate = list.stream().anyMatch(o -> same(o, v))
                        || added.subList(0, i).stream().anyMatch(o -> same(o, v));
                if (duplicate) {
                    throw new DuplicateException("verdict of " + v.judge() + " on " + v.candidate());
                }
            }
            int before = list.size();
            list.addAll(added);
            return () -> list.subList(before, list.size()).clear();
        });
    }

    private static boolean same(Verdict a, Verdict b) {
        return a.judge().equals(b.judge()) && a.candidate().equals(b.candidate());
    }

    @Override
    public List<Verdict> verdicts(DebateId id) {
        return db.read(() -> List.copyOf(verdicts.getOrDefault(id, List.of())));
    }

    @Override
    public void saveRanking(DebateId id, RankingResult ranking) {
        db.write(() -> {
            if (rankings.containsKey(id)) {
                throw new DuplicateException("ranking of " + id);
            }
            rankings.put(id, ranking);
            return () -> rankings.remove(id);
        });
    }

    @Override
    public Optional<RankingResult> ranking(DebateId id) {
        return db.read(() -> Optional.ofNullable(rankings.get(id)));
    }
}
