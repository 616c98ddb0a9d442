package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Violations;
import com.consultaion.domain.routing.Router.Candidate;
import com.consultaion.domain.routing.Routing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical field form of a {@link DebateConfig} (snake_case keys, JSON-compatible values), shared by every
 * adapter that reads or writes configs (the HTTP API, the database). Reading reports every bad field with its
 * path ({@code agents[1].model}) at once; absent fields take their defaults.
 */
public final class DebateConfigFields {

    private DebateConfigFields() {}

    public static Map<String, Object> toFields(DebateConfig c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(
                "agents",
                c.agents().stream()
                        .map(a -> ordered("name", a.name(), "persona", a.persona(), "model", a.model()))
                        .toList());
        f.put(
                "judges",
                c.judges().stream()
                        .map(j -> ordered("name", j.name(), "model", j.model(), "criteria", j.criteria()))
                        .toList());
        f.put("rounds", c.critiqueRounds());
        f.put(
                "budget",
                ordered(
                        "max_tokens",
                        c.budget().maxTokens(),
                        "max_cost_usd",
                        c.budget().maxCostUsd()));
        f.put(
                "tolerance",
                ordered(
                        "min_agents",
                        c.tolerance().minAgents(),
                        "max_failure_ratio",
                        c.tolerance().maxFailureRatio()));
        f.put("aggregation", c.aggregation().wireName());
        f.put("synthesizers", c.synthesizers());
        f.put("call_timeout_seconds", c.callTimeout().toMillis() / 1000.0);
        f.put("deadline_seconds", c.deadline().toMillis() / 1000.0);
        f.put(
                "conversation",
                ordered(
                        "rounds",
                        c.conversation().rounds(),
                        "max_total_tokens",
                        c.conversation().maxTotalTokens()));
        if (c.panel() != null) {
            f.put("panel", panelToFields(c.panel()));
        }
        if (c.routing() != null) {
            f.put("routing", routingToFields(c.routing()));
        }
        return f;
    }

    /** How the model was chosen, in the API's {@code routing_meta} shape plus the policy and the routed model. */
    public static Map<String, Object> routingToFields(Routing r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", r.policy());
        m.put("routed_model", r.routedModel());
        m.put("requested_model", r.requestedModel());
        m.put(
                "candidates",
                r.candidates().stream()
                        .map(c -> ordered(
                                "model",
                                c.model(),
                                "total_score",
                                c.totalScore(),
                                "cost_score",
                                c.costScore(),
                                "latency_score",
                                c.latencyScore(),
                                "quality_score",
                                c.qualityScore(),
                                "safety_score",
                                c.safetyScore(),
                                "is_healthy",
                                c.healthy()))
                        .toList());
        return m;
    }

    /** Reads what {@link #routingToFields} wrote (stored configs only: clients never send it). */
    @SuppressWarnings("unchecked")
    static @Nullable Routing routingFromFields(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        List<Candidate> candidates = new ArrayList<>();
        if (m.get("candidates") instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> c = (Map<String, Object>) o;
                candidates.add(new Candidate(
                        String.valueOf(c.get("model")),
                        num(c.get("total_score")),
                        num(c.get("cost_score")),
                        num(c.get("latency_score")),
                        num(c.get("quality_score")),
                        num(c.get("safety_score")),
                        Boolean.TRUE.equals(c.get("is_healthy"))));
            }
        }
        Object requested = m.get("requested_model");
        return new Routing(
                String.valueOf(m.get("policy")),
                String.valueOf(m.get("routed_model")),
                requested == null ? null : requested.toString(),
                candidates);
    }

    private static double num(@Nullable Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** A parliament panel in the API's {@code panel_config} form. */
    public static Map<String, Object> panelToFields(Panel p) {
        return ordered(
                "seats",
                p.seats().stream()
                        .map(s -> ordered(
                                "seat_id",
                                s.id(),
                                "display_name",
                                s.name(),
                                "provider_key",
                                s.provider(),
                                "model",
                                s.model(),
                                "role_profile",
                                s.role().wireName(),
                                "temperature",
                                s.temperature()))
                        .toList(),
                "max_seat_fail_ratio",
                p.maxSeatFailRatio(),
                "min_required_seats",
                p.minRequiredSeats(),
                "fail_fast",
                p.failFast(),
                "judged",
                p.judged());
    }

    /**
     * Reads a parliament panel ({@code panel_config}); a seat without a model sits on {@code defaultModel}, one
     * without a provider key gets {@code auto} (the catalogue's provider for its model). Every bad field is
     * reported at once, with its path ({@code seats[1].temperature}).
     */
    // Suppressed for the same reason as fromFields: the records turn missing values into field errors.
    @SuppressWarnings("NullAway")
    public static Panel panelFromFields(Map<String, ?> f, String defaultModel) {
        Violations v = new Violations();
        List<Panel.Seat> seats = new ArrayList<>();
        List<Map<String, ?>> seatMaps = ClientFields.objects(v, f, "seats");
        if (seatMaps == null) {
            seats.addAll(Panel.defaults(defaultModel).seats());
        } else {
            for (int i = 0; i < seatMaps.size(); i++) {
                Map<String, ?> m = seatMaps.get(i);
                String path = "seats[" + i + "]";
                String id = ClientFields.string(v, m, "seat_id", path, null);
                String name = ClientFields.string(v, m, "display_name", path, null);
                String provider = ClientFields.string(v, m, "provider_key", path, "auto");
                String model = ClientFields.string(v, m, "model", path, defaultModel);
                String roleName = ClientFields.string(v, m, "role_profile", path, null);
                RoleProfile role = v.capture(path, () -> RoleProfile.parse(roleName, "role_profile"));
                double temperature = ClientFields.number(v, m, "temperature", path, Panel.Seat.DEFAULT_TEMPERATURE);
                // A seat whose role was refused is still checked field by field (under a stand-in role), so one
                // answer lists every bad field; it is not kept.
                RoleProfile checked = role == null ? RoleProfile.OPTIMIST : role;
                Panel.Seat seat =
                        v.capture(path, () -> new Panel.Seat(id, name, provider, model, checked, temperature));
                if (seat != null && role != null) {
                    seats.add(seat);
                }
            }
        }
        double ratio = ClientFields.number(v, f, "max_seat_fail_ratio", "", Panel.DEFAULT_MAX_SEAT_FAIL_RATIO);
        Integer minSeats = ClientFields.integer(v, f, "min_required_seats", "", Panel.DEFAULT_MIN_REQUIRED_SEATS);
        boolean failFast = ClientFields.bool(v, f, "fail_fast", "", true);
        boolean judged = ClientFields.bool(v, f, "judged", "", true);
        v.throwIfAny();
        Violations last = new Violations();
        Panel panel = last.capture("", () -> new Panel(seats, ratio, minSeats, failFast, judged));
        last.throwIfAny();
        return panel;
    }

    /**
     * Reads a config; {@code defaultModel} fills the default panel when no agents or judges are given, and the
     * model of an agent or judge that names none.
     */
    // Suppressed: client input reaches the records' constructors unchecked on purpose (they turn a missing
    // name, model or setting into a field error), and the config is non-null once throwIfAny() has passed.
    @SuppressWarnings("NullAway")
    public static DebateConfig fromFields(Map<String, ?> f, String defaultModel) {
        DebateConfig defaults = DebateConfig.defaults(defaultModel);
        Violations v = new Violations();
        List<AgentSpec> agents = new ArrayList<>();
        List<Map<String, ?>> agentMaps = ClientFields.objects(v, f, "agents");
        if (agentMaps == null) {
            agents.addAll(defaults.agents());
        } else {
            for (int i = 0; i < agentMaps.size(); i++) {
                Map<String, ?> a = agentMaps.get(i);
                String path = "agents[" + i + "]";
                String name = ClientFields.string(v, a, "name", path, null);
                String persona = ClientFields.string(v, a, "persona", path, "");
                String model = ClientFields.string(v, a, "model", path, defaultModel);
                AgentSpec spec = v.capture(path, () -> new AgentSpec(name, persona, model));
                if (spec != null) {
                    agents.add(spec);
                }
            }
        }
        List<JudgeSpec> judges = new ArrayList<>();
        List<Map<String, ?>> judgeMaps = ClientFields.objects(v, f, "judges");
        if (judgeMaps == null) {
            judges.addAll(defaults.judges());
        } else {
            for (int i = 0; i < judgeMaps.size(); i++) {
                Map<String, ?> j = judgeMaps.get(i);
                String path = "judges[" + i + "]";
                String name = ClientFields.string(v, j, "name", path, null);
                String model = ClientFields.string(v, j, "model", path, defaultModel);
                List<String> criteria =
                        ClientFields.strings(v, j, j.containsKey("criteria") ? "criteria" : "rubrics", path);
                JudgeSpec spec = v.capture(path, () -> new JudgeSpec(name, model, criteria));
                if (spec != null) {
                    judges.add(spec);
                }
            }
        }
        Integer rounds = ClientFields.integer(v, f, "rounds", "", defaults.critiqueRounds());
        Map<String, ?> budgetMap = ClientFields.object(v, f, "budget", "");
        Budget budget = budgetMap == null
                ? Budget.DEFAULT
                : v.capture(
                        "budget",
                        () -> new Budget(
                                ClientFields.longValue(
                                        v, budgetMap, "max_tokens", "budget", Budget.DEFAULT.maxTokens()),
                                ClientFields.number(
                                        v, budgetMap, "max_cost_usd", "budget", Budget.DEFAULT.maxCostUsd())));
        Map<String, ?> tolMap = ClientFields.object(v, f, "tolerance", "");
        FailureTolerance tolerance = tolMap == null
                ? FailureTolerance.DEFAULT
                : v.capture(
                        "tolerance",
                        () -> new FailureTolerance(
                                ClientFields.integer(
                                        v, tolMap, "min_agents", "tolerance", FailureTolerance.DEFAULT.minAgents()),
                                ClientFields.number(
                                        v,
                                        tolMap,
                                        "max_failure_ratio",
                                        "tolerance",
                                        FailureTolerance.DEFAULT.maxFailureRatio())));
        Aggregation aggregation =
                v.capture("", () -> Aggregation.parse(ClientFields.string(v, f, "aggregation", "", null)));
        List<String> synthesizers = ClientFields.strings(v, f, "synthesizers", "");
        double callTimeout = ClientFields.number(
                v, f, "call_timeout_seconds", "", defaults.callTimeout().toMillis() / 1000.0);
        double deadline = ClientFields.number(
                v, f, "deadline_seconds", "", defaults.deadline().toMillis() / 1000.0);
        Map<String, ?> convMap = ClientFields.object(v, f, "conversation", "");
        Conversation conversation = convMap == null
                ? Conversation.DEFAULT
                : v.capture(
                        "",
                        () -> new Conversation(
                                ClientFields.integer(
                                        v, convMap, "rounds", "conversation", Conversation.DEFAULT.rounds()),
                                ClientFields.longValue(
                                        v,
                                        convMap,
                                        "max_total_tokens",
                                        "conversation",
                                        Conversation.DEFAULT.maxTotalTokens())));
        Map<String, ?> panelMap = ClientFields.object(v, f, "panel", "");
        Panel panel = panelMap == null ? null : v.capture("panel", () -> panelFromFields(panelMap, defaultModel));
        Routing routing = routingFromFields(f.get("routing"));
        v.throwIfAny();
        Violations last = new Violations();
        DebateConfig config = last.capture(
                "",
                () -> new DebateConfig(
                        agents,
                        judges,
                        rounds == null ? 0 : rounds,
                        budget,
                        tolerance,
                        aggregation,
                        synthesizers,
                        ClientFields.millis(callTimeout),
                        ClientFields.millis(deadline),
                        panel,
                        conversation,
                        routing));
        last.throwIfAny();
        return config;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
