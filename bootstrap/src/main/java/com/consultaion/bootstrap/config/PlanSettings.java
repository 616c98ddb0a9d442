package com.consultaion.bootstrap.config;

import com.consultaion.domain.plan.Plan;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plans from configuration: the built-in free, pro and internal plans ({@link Plan#DEFAULTS}), each limit
 * overridable as {@code consultaion.plans.<slug>.<limit>} (debates-per-month, tokens-per-day,
 * concurrent-debates, max-agents, model-tiers, exports, price-monthly). New accounts are on free.
 */
final class PlanSettings {

    private PlanSettings() {}

    static List<Plan> plans(Environment env) {
        List<Plan> plans = new ArrayList<>();
        for (Plan p : Plan.DEFAULTS) {
            String prefix = "consultaion.plans." + p.slug() + ".";
            Plan.Limits l = p.limits();
            plans.add(new Plan(
                    p.slug(),
                    p.name(),
                    env.getProperty(prefix + "price-monthly", Double.class).orElse(p.priceMonthly()),
                    p.currency(),
                    new Plan.Limits(
                            env.getProperty(prefix + "debates-per-month", Integer.class)
                                    .orElse(l.debatesPerMonth()),
                            env.getProperty(prefix + "tokens-per-day", Long.class)
                                    .orElse(l.tokensPerDay()),
                            env.getProperty(prefix + "concurrent-debates", Integer.class)
                                    .orElse(l.concurrentDebates()),
                            env.getProperty(prefix + "max-agents", Integer.class)
                                    .orElse(l.maxAgents()),
                            env.getProperty(prefix + "model-tiers", Argument.listOf(String.class))
                                    .map(HashSet::new)
                                    .map(s -> (Set<String>) s)
                                    .orElse(l.modelTiers()),
                            env.getProperty(prefix + "exports", Boolean.class).orElse(l.exports()))));
        }
        return plans;
    }
}
