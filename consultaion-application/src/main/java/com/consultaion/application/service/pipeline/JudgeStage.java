package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.Anonymiser;
import com.consultaion.domain.judging.JudgeReplyParser;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.JudgingPlan;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.Ranking;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Judging and aggregation: every judge scores every candidate it may (no self-model judging when another judge
 * can), all calls in parallel, each judge seeing its own shuffled labels. Unparseable replies are recorded and
 * excluded; the ballots are then ranked by Borda + Condorcet.
 */
final class JudgeStage implements Stage {

    private final ModelCalls calls;
    private final Clock clock;

    private final int round;

    JudgeStage(ModelCalls calls, Clock clock, int round) {
        this.round = round;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return Phase.JUDGE.wireName();
    }

    /** One planned call: which judge scores which candidate under which label. */
    private record Assignment(JudgeSpec judge, Anonymiser.Labelled labelled, ChatRequest request) {}

    private List<Assignment> assignments(DebateState state) {
        DebateConfig config = state.debate().config();
        Map<String, String> candidates = state.candidates();
        List<AgentSpec> contenders = config.agents().stream()
                .filter(a -> candidates.containsKey(a.name()))
                .toList();
        return assignments(state, JudgingPlan.assign(config.judges(), contenders));
    }

    /** The calls for {@code plan} (judge name → candidates), each judge with its own shuffled labels. */
    private static List<Assignment> assignments(DebateState state, Map<String, List<String>> plan) {
        Map<String, String> candidates = state.candidates();
        List<Assignment> assignments = new ArrayList<>();
        for (JudgeSpec judge : state.debate().config().judges()) {
            List<String> scored = plan.getOrDefault(judge.name(), List.of());
            if (scored.isEmpty()) {
                continue;
            }
            for (Anonymiser.Labelled labelled :
                    Anonymiser.labelsFor(state.debate().id(), judge.name(), scored)) {
                ChatRequest request = Prompts.judge(
                        judge,
                        state.debate().prompt().text(),
                        labelled.label(),
                        Objects.requireNonNull(candidates.get(labelled.candidate())));
                assignments.add(new Assignment(judge, labelled, request));
            }
        }
        return assignments;
    }

    @Override
    public Planned plan(DebateState state) {
        List<Assignment> assignments = assignments(state);
        return new Planned(
                Calls.estimate(
                        calls, assignments.stream().map(Assignment::request).toList()),
                control -> run(state, assignments, control));
    }

    private StageResult run(DebateState state, List<Assignment> assignments, RunControl control) {
        DebateConfig config = state.debate().config();
        List<CallOutcome> outcomes =
                calls.callAll(assignments.stream().map(Assignment::request).toList(), config.callTimeout(), control);
        if (control.cancelled() || Calls.anyCancelled(outcomes)) {
            return StageResult.cancelled();
        }
        Instant now = clock.instant();
        List<Verdict> verdicts = new ArrayList<>();
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(round, Phase.JUDGE.wireName()));
        Map<String, Map<String, Double>> ballots = new LinkedHashMap<>();
        record(assignments, outcomes, now, verdicts, events, ballots);
        // Self-preference exclusion must never leave a candidate unjudged while a judge could score it: when every
        // independent judge failed on a candidate, the judges held back for sharing its model score it after all,
        // and the debate says so (final_meta.self_judged lists every such verdict).
        Map<String, List<String>> second = heldBackFor(state, assignments, verdicts);
        if (!second.isEmpty()) {
            List<Assignment> again = assignments(state, second);
            List<CallOutcome> retried =
                    calls.callAll(again.stream().map(Assignment::request).toList(), config.callTimeout(), control);
            if (control.cancelled() || Calls.anyCancelled(retried)) {
                return StageResult.cancelled();
            }
            second.forEach((judge, candidates) -> events.add(new EventPayload.Notice(
                    "warn",
                    "no judge on another model could score " + String.join(", ", candidates) + "; " + judge
                            + ", on the same model, scored it instead (self_judged)")));
            record(again, retried, now, verdicts, events, ballots);
        }
        List<String> order = config.agents().stream()
                .map(AgentSpec::name)
                .filter(state.candidates()::containsKey)
                .toList();
        RankingResult ranking = Ranking.rank(order, ballots, config.aggregation());
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RankedCandidate r : ranking.ranking()) {
            if (r.score() != null) {
                scores.put(r.candidate(), r.score());
            }
        }
        events.add(new EventPayload.RankingDecided(ranking.order(), ranking.method(), scores));
        if (ballots.isEmpty()) {
            events.add(new EventPayload.Notice(
                    "warn",
                    "no judge's verdict could be used; the ranking follows the configured order of the agents"));
        }
        return StageResult.next(List.of(), verdicts, Optional.of(ranking), events);
    }

    /** Turns each call's outcome into its verdict, its events and (when parsed) its ballot entry. */
    private void record(
            List<Assignment> assignments,
            List<CallOutcome> outcomes,
            Instant now,
            List<Verdict> verdicts,
            List<EventPayload> events,
            Map<String, Map<String, Double>> ballots) {
        for (int i = 0; i < assignments.size(); i++) {
            Assignment a = assignments.get(i);
            String judge = a.judge().name();
            String candidate = a.labelled().candidate();
            Calls.fallback(outcomes.get(i)).ifPresent(events::add);
            Verdict verdict = switch (outcomes.get(i)) {
                case CallOutcome.Answered answered ->
                    new Verdict(
                            judge,
                            candidate,
                            a.labelled().label(),
                            answered.response().model(),
                            JudgeReplyParser.parse(
                                    answered.response().content(), a.judge().criteria()),
                            answered.response().content(),
                            answered.response().usage(),
                            now);
                case CallOutcome.Failed failed ->
                    new Verdict(
                            judge,
                            candidate,
                            a.labelled().label(),
                            a.request().model(),
                            new JudgeVerdict.Unparseable("model call failed: " + failed.reason()),
                            null,
                            Usage.NONE,
                            now);
            };
            verdicts.add(verdict);
            switch (verdict.verdict()) {
                case JudgeVerdict.Parsed p -> {
                    ballots.computeIfAbsent(judge, k -> new LinkedHashMap<>()).put(candidate, p.score());
                    events.add(
                            new EventPayload.Score(judge, candidate, p.criteria(), round4(p.score()), p.rationale()));
                }
                case JudgeVerdict.Unparseable u ->
                    events.add(new EventPayload.JudgeUnparseable(judge, candidate, u.reason()));
            }
        }
    }

    /**
     * judge name → the candidates it was held back from (it shares their model) that no verdict could score: the
     * judges that may score them after all. Empty when every candidate has a usable verdict.
     */
    private static Map<String, List<String>> heldBackFor(
            DebateState state, List<Assignment> assignments, List<Verdict> verdicts) {
        Map<String, List<String>> heldBack = new LinkedHashMap<>();
        Map<String, String> modelOf = new LinkedHashMap<>();
        state.debate().config().agents().forEach(a -> modelOf.put(a.name(), a.model()));
        for (String candidate : state.candidates().keySet()) {
            boolean scored = verdicts.stream().anyMatch(v -> v.candidate().equals(candidate) && v.parsed());
            if (scored) {
                continue;
            }
            for (JudgeSpec judge : state.debate().config().judges()) {
                boolean planned = assignments.stream()
                        .anyMatch(a -> a.judge().name().equals(judge.name())
                                && a.labelled().candidate().equals(candidate));
                if (!planned && judge.model().equals(modelOf.get(candidate))) {
                    heldBack.computeIfAbsent(judge.name(), k -> new ArrayList<>())
                            .add(candidate);
                }
            }
        }
        return heldBack;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
