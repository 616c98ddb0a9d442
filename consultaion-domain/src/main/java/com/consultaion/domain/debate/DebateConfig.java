package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Violations;
import com.consultaion.domain.routing.Routing;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything that shapes one debate: who speaks, who judges, how many critique rounds, what it may spend, how
 * many failures it tolerates, how scores are combined, who writes the synthesis, and its time limits.
 */
public record DebateConfig(
        List<AgentSpec> agents,
        List<JudgeSpec> judges,
        int critiqueRounds,
        Budget budget,
        FailureTolerance tolerance,
        Aggregation aggregation,
        List<String> synthesizers,
        Duration callTimeout,
        Duration deadline,
        @Nullable Panel panel,
        Conversation conversation,
        @Nullable Routing routing) {

    public static final int MIN_AGENTS = 2;
    public static final int MAX_AGENTS = 8;
    public static final int MAX_JUDGES = 5;
    public static final int MAX_CRITIQUE_ROUNDS = 3;
    public static final int MAX_SYNTHESIZERS = 3;
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(15);

    public DebateConfig {
        agents = agents == null ? List.of() : List.copyOf(agents);
        judges = judges == null ? List.of() : List.copyOf(judges);
        budget = budget == null ? Budget.DEFAULT : budget;
        tolerance = tolerance == null ? FailureTolerance.DEFAULT : tolerance;
        aggregation = aggregation == null ? Aggregation.MEAN : aggregation;
        synthesizers = synthesizers == null || synthesizers.isEmpty()
                ? agents.stream()
                        .map(AgentSpec::model)
                        .distinct()
                        .limit(MAX_SYNTHESIZERS)
                        .toList()
                : List.copyOf(synthesizers);
        callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
        deadline = deadline == null ? DEFAULT_DEADLINE : deadline;
        conversation = conversation == null ? Conversation.DEFAULT : conversation;

        Violations v = new Violations();
        v.check(
                agents.size() >= MIN_AGENTS && agents.size() <= MAX_AGENTS,
                "agents",
                "agents.count",
                "must have between " + MIN_AGENTS + " and " + MAX_AGENTS + " agents");
        v.check(
                !judges.isEmpty() && judges.size() <= MAX_JUDGES,
                "judges",
                "judges.count",
                "must have between 1 and " + MAX_JUDGES + " judges");
        v.check(
                unique(agents.stream().map(AgentSpec::name).toList()),
                "agents",
                "agents.duplicate_name",
                "agent names must be unique");
        v.check(
                unique(judges.stream().map(JudgeSpec::name).toList()),
                "judges",
                "judges.duplicate_name",
                "judge names must be unique");
        v.check(
                critiqueRounds >= 0 && critiqueRounds <= MAX_CRITIQUE_ROUNDS,
                "rounds",
                "rounds.out_of_range",
                "must be between 0 and " + MAX_CRITIQUE_ROUNDS);
        v.check(
                synthesizers.size() <= MAX_SYNTHESIZERS,
                "synthesizers",
                "synthesizers.too_many",
                "must have at most " + MAX_SYNTHESIZERS + " models");
        for (int i = 0; i < synthesizers.size(); i++) {
            Names.model(v, "synthesizers[" + i + "]", synthesizers.get(i));
        }
        v.check(
                tolerance.minAgents() <= Math.max(agents.size(), MIN_AGENTS),
                "tolerance.min_agents",
                "tolerance.min_agents",
                "must not exceed the number of agents");
        v.check(
                !callTimeout.isNegative()
                        && callTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                        && callTimeout.compareTo(Duration.ofMinutes(5)) <= 0,
                "call_timeout_seconds",
                "timeout.out_of_range",
                "must be between 1 and 300 seconds");
        v.check(
                deadline.compareTo(Duration.ofSeconds(5)) >= 0 && deadline.compareTo(Duration.ofHours(2)) <= 0,
                "deadline_seconds",
                "deadline.out_of_range",
                "must be between 5 seconds and 2 hours");
        v.check(
                panel == null || agents.equals(panel.asAgents()),
                "agents",
                "agents.panel_mismatch",
                "a parliament's agents are its seats");
        v.throwIfAny();
    }

    /** A config without a parliament panel, conversing with the default settings. */
    public DebateConfig(
            List<AgentSpec> agents,
            List<JudgeSpec> judges,
            int critiqueRounds,
            Budget budget,
            FailureTolerance tolerance,
            Aggregation aggregation,
            List<String> synthesizers,
            Duration callTimeout,
            Duration deadline) {
        this(
                agents,
                judges,
                critiqueRounds,
                budget,
                tolerance,
                aggregation,
                synthesizers,
                callTimeout,
                deadline,
                null,
                Conversation.DEFAULT,
                null);
    }

    /** The same config with every model id mapped: agents', judges', synthesizers' and a panel's seats'. */
    public DebateConfig withModels(UnaryOperator<String> map) {
        return new DebateConfig(
                agents.stream()
                        .map(a -> new AgentSpec(a.name(), a.persona(), map.apply(a.model())))
                        .toList(),
                judges.stream()
                        .map(j -> new JudgeSpec(j.name(), map.apply(j.model()), j.criteria()))
                        .toList(),
                critiqueRounds,
                budget,
                tolerance,
                aggregation,
                synthesizers.stream().map(map).distinct().toList(),
                callTimeout,
                deadline,
                panel == null ? null : panel.withModels(map),
                conversation,
                routing);
    }

    /**
     * The same config for a parliament: the seats become the agents (so judges score them and the leaderboard
     * ranks them by seat name), and synthesis fallbacks default to the seats' models.
     */
    public DebateConfig withPanel(Panel newPanel) {
        List<AgentSpec> seats = newPanel.asAgents();
        List<String> models = seats.stream()
                .map(AgentSpec::model)
                .distinct()
                .limit(MAX_SYNTHESIZERS)
                .toList();
        FailureTolerance seatTolerance =
                new FailureTolerance(Math.min(tolerance.minAgents(), seats.size()), tolerance.maxFailureRatio());
        return with(seats, seatTolerance, models, newPanel, conversation, routing);
    }

    public DebateConfig withConversation(Conversation settings) {
        return with(agents, tolerance, synthesizers, panel, settings, routing);
    }

    /** The same config with another budget. */
    public DebateConfig withBudget(Budget newBudget) {
        return new DebateConfig(
                agents,
                judges,
                critiqueRounds,
                newBudget,
                tolerance,
                aggregation,
                synthesizers,
                callTimeout,
                deadline,
                panel,
                conversation,
                routing);
    }

    /** The same config with the record of how its model was chosen. */
    public DebateConfig withRouting(Routing chosen) {
        return with(agents, tolerance, synthesizers, panel, conversation, chosen);
    }

    /** A copy in which only what the {@code with…} methods change differs. */
    private DebateConfig with(
            List<AgentSpec> newAgents,
            FailureTolerance newTolerance,
            List<String> newSynthesizers,
            @Nullable Panel newPanel,
            Conversation newConversation,
            @Nullable Routing newRouting) {
        return new DebateConfig(
                newAgents,
                judges,
                critiqueRounds,
                budget,
                newTolerance,
                aggregation,
                newSynthesizers,
                callTimeout,
                deadline,
                newPanel,
                newConversation,
                newRouting);
    }

    /** The default panel of the original service: three agents and two judges, all on {@code model}. */
    public static DebateConfig defaults(String model) {
        return defaults(model, model);
    }

    /** The default panel with agents on {@code agentModel} and judges on {@code judgeModel}. */
    public static DebateConfig defaults(String agentModel, String judgeModel) {
        return new DebateConfig(
                List.of(
                        new AgentSpec("Analyst", "A systems thinker who weighs evidence and trade-offs.", agentModel),
                        new AgentSpec(
                                "Critic", "An adversarial reviewer who looks for what could go wrong.", agentModel),
                        new AgentSpec(
                                "Builder", "An execution-focused planner who turns ideas into steps.", agentModel)),
                List.of(
                        new JudgeSpec("JudgeAlpha", judgeModel, JudgeSpec.DEFAULT_RUBRIC),
                        new JudgeSpec("JudgeBeta", judgeModel, JudgeSpec.DEFAULT_RUBRIC)),
                1,
                Budget.DEFAULT,
                FailureTolerance.DEFAULT,
                Aggregation.MEAN,
                List.of(),
                DEFAULT_CALL_TIMEOUT,
                DEFAULT_DEADLINE);
    }

    public AgentSpec agent(String name) {
        return agents.stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no agent named " + name));
    }

    private static boolean unique(List<String> names) {
        Set<String> seen = new HashSet<>();
        return names.stream().allMatch(seen::add);
    }
}
