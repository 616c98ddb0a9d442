package com.consultaion.application.service.pipeline;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A debate with everything committed so far, rebuilt from the stores when a worker (re)starts it. Stages read
 * it; the runner folds each stage's result into it after the commit.
 */
public final class DebateState {

    private final Debate debate;
    private final List<Contribution> contributions;
    private final List<Verdict> verdicts;
    private final @Nullable RankingResult ranking;
    private final List<EventPayload.Fallback> fallbacks;

    public DebateState(
            Debate debate, List<Contribution> contributions, List<Verdict> verdicts, @Nullable RankingResult ranking) {
        this(debate, contributions, verdicts, ranking, List.of());
    }

    /** {@code fallbacks}: every model substitution committed so far, in order (the debate's fallback events). */
    public DebateState(
            Debate debate,
            List<Contribution> contributions,
            List<Verdict> verdicts,
            @Nullable RankingResult ranking,
            List<EventPayload.Fallback> fallbacks) {
        this.debate = debate;
        this.contributions = List.copyOf(contributions);
        this.verdicts = List.copyOf(verdicts);
        this.ranking = ranking;
        this.fallbacks = List.copyOf(fallbacks);
    }

    public DebateState after(Debate next, StageResult result) {
        List<Contribution> c = new ArrayList<>(contributions);
        c.addAll(result.contributions());
        List<Verdict> v = new ArrayList<>(verdicts);
        v.addAll(result.verdicts());
        return new DebateState(next, c, v, result.ranking().orElse(ranking), noting(result.events()).fallbacks);
    }

    public DebateState with(Debate next) {
        return new DebateState(next, contributions, verdicts, ranking, fallbacks);
    }

    /** This state with the substitutions among {@code events} (a stage's own, before its commit) noted too. */
    public DebateState noting(List<EventPayload> events) {
        List<EventPayload.Fallback> f = new ArrayList<>(fallbacks);
        events.stream()
                .filter(EventPayload.Fallback.class::isInstance)
                .map(EventPayload.Fallback.class::cast)
                .forEach(f::add);
        return new DebateState(debate, contributions, verdicts, ranking, f);
    }

    /** The models that stood in for failed ones in the committed stages. */
    public List<EventPayload.Fallback> fallbacks() {
        return fallbacks;
    }

    public Debate debate() {
        return debate;
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    public List<Verdict> verdicts() {
        return verdicts;
    }

    public Optional<RankingResult> ranking() {
        return Optional.ofNullable(ranking);
    }

    /** Whether a contribution is an agent's answer, not a synthesis, the chair's verdict or a summary. */
    static boolean isAnswer(Contribution c) {
        return c.phase().isAnswer();
    }

    /**
     * Each agent's latest successful answer (draft, revision, seat statement or conversation turn), in config
     * order; agents with none are absent.
     */
    public Map<String, String> candidates() {
        Map<String, String> latest = new LinkedHashMap<>();
        debate.config()
                .agents()
                .forEach(a -> contributions.stream()
                        .filter(c -> c.agent().equals(a.name()) && c.ok() && isAnswer(c))
                        .reduce((first, second) -> second)
                        .ifPresent(c -> latest.put(a.name(), c.content())));
        return latest;
    }

    public Usage spent() {
        Usage total = Usage.NONE;
        for (Contribution c : contributions) {
            total = total.plus(c.usage());
        }
        for (Verdict v : verdicts) {
            total = total.plus(v.usage());
        }
        return total;
    }
}
