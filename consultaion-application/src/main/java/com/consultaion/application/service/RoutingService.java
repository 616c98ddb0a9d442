package com.consultaion.application.service;

import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.RouteModelQuery;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.routing.Router;
import com.consultaion.domain.routing.Routing;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Routes a debate to a model: the catalogue's usable models, limited to the plan's tiers, scored by policy. */
public final class RoutingService implements RouteModelQuery, ModelQueries {

    private final ModelCatalog models;
    private final BillingService billing;

    public RoutingService(ModelCatalog models, BillingService billing) {
        this.models = models;
        this.billing = billing;
    }

    @Override
    public Routing route(Requester requester, @Nullable String requestedModel, @Nullable String policy) {
        return route(billing.allowedTiers(requester), requestedModel, policy);
    }

    @Override
    public Routing preview(Requester requester, String plan, @Nullable String policy) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may preview routing");
        }
        Set<String> tiers = billing.tiersOfPlan(plan)
                .orElseThrow(() -> ValidationException.of("plan", "plan.unknown", "is not a configured plan"));
        return route(Optional.of(tiers), null, policy);
    }

    private Routing route(Optional<Set<String>> tiers, @Nullable String requestedModel, @Nullable String policy) {
        Router.Policy chosen = Router.Policy.parse(policy);
        List<ModelCatalog.Description> usable = models.describe().stream()
                .filter(d -> tiers.map(t -> t.contains(d.tier())).orElse(true))
                .toList();
        // The offline local model is a stand-in: it is routed to only when no provider's model is usable.
        if (usable.stream().anyMatch(d -> !d.provider().equals("local"))) {
            usable = usable.stream().filter(d -> !d.provider().equals("local")).toList();
        }
        List<Router.Option> options = usable.stream()
                .map(d -> new Router.Option(
                        d.id(),
                        d.costPer1kInput(),
                        d.costPer1kOutput(),
                        d.latencyClass(),
                        d.qualityTier(),
                        d.safetyProfile(),
                        d.enabled()))
                .toList();
        if (options.isEmpty()) {
            // Nothing to score (an embedder's catalogue that describes nothing): the default model serves.
            return new Routing(
                    chosen.wireName(),
                    requestedModel != null ? requestedModel : models.defaultModel(),
                    requestedModel,
                    List.of());
        }
        return Routing.of(Router.route(chosen, options), requestedModel);
    }

    @Override
    public List<ModelQueries.Model> models() {
        return models.describe().stream().map(this::model).toList();
    }

    @Override
    public ModelQueries.Model defaultModel() {
        return models.describe().stream()
                .filter(d -> d.id().equals(models.defaultModel()))
                .findFirst()
                .map(this::model)
                .orElseThrow(() -> new IllegalStateException("the default model is not in the catalogue"));
    }

    @Override
    public String displayName(String model) {
        return models.describe().stream()
                .filter(d -> d.id().equals(model))
                .map(ModelCatalog.Description::displayName)
                .findFirst()
                .orElse(model);
    }

    @Override
    public DebateConfig defaultConfig() {
        return DebateConfig.defaults(models.defaultModel());
    }

    private ModelQueries.Model model(ModelCatalog.Description d) {
        return new ModelQueries.Model(
                d.id(),
                d.displayName(),
                d.provider(),
                d.tier(),
                d.costPer1kInput(),
                d.costPer1kOutput(),
                d.latencyClass(),
                d.qualityTier(),
                d.safetyProfile(),
                d.enabled(),
                d.recommended(),
                models.circuit(d.id()));
    }
}
