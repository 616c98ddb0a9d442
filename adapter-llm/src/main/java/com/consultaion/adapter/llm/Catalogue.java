package com.consultaion.adapter.llm;

import com.consultaion.adapter.llm.local.LocalChatModel;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.domain.Nullable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The model catalogue (a tab-separated file, {@code consultaion/catalogue.tsv} by default) and which of its
 * models can be used now: enabled, of a configured provider (the local model always), and whose circuit is not
 * open (half-open counts as usable: the next call is the trial that closes it). A bad line fails with its line number.
 */
public final class Catalogue implements ModelCatalog {

    public static final String DEFAULT_RESOURCE = "consultaion/catalogue.tsv";
    /** The original service's model ids and the catalogue model each names (docs/api.md, Compatibility). */
    public static final String ALIASES_RESOURCE = "consultaion/aliases.tsv";

    private static final Map<String, String> ALIASES = readAliases();

    private final Map<String, Description> entries;
    private final Set<String> providers;
    private final Function<String, String> circuits;
    private final String defaultModel;

    public Catalogue(
            List<Description> entries, Set<String> providers, Function<String, String> circuits, String defaultModel) {
        Map<String, Description> byId = new LinkedHashMap<>();
        for (Description d : entries) {
            if (byId.put(d.id(), d) != null) {
                throw new IllegalArgumentException("catalogue: model " + d.id() + " appears twice");
            }
        }
        this.entries = Map.copyOf(byId);
        this.providers = Set.copyOf(providers);
        this.circuits = circuits;
        this.defaultModel = defaultModel;
        if (!configured(defaultModel)) {
            throw new IllegalArgumentException("the default model " + defaultModel
                    + " is not in the catalogue, not enabled, or its provider is not configured");
        }
        this.order = entries.stream().map(Description::id).toList();
    }

    private final List<String> order;

    /** The shipped catalogue, or the file at {@code path} when one is given. */
    public static List<Description> read(@Nullable Path path) {
        try (InputStream in = path == null
                ? Catalogue.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)
                : Files.newInputStream(path)) {
            Objects.requireNonNull(in, DEFAULT_RESOURCE + " is missing");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model catalogue: " + e.getMessage(), e);
        }
    }

    static List<Description> parse(List<String> lines) {
        List<Description> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 11) {
                throw new IllegalArgumentException("catalogue line " + (i + 1) + ": 11 tab-separated fields expected");
            }
            try {
                out.add(new Description(
                        f[0].strip(),
                        f[2].strip(),
                        f[1].strip(),
                        f[3].strip(),
                        Double.parseDouble(f[4].strip()),
                        Double.parseDouble(f[5].strip()),
                        f[6].strip(),
                        f[7].strip(),
                        f[8].strip(),
                        Boolean.parseBoolean(f[9].strip()),
                        Boolean.parseBoolean(f[10].strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("catalogue line " + (i + 1) + ": costs must be numbers", e);
            }
        }
        return out;
    }

    private static Map<String, String> readAliases() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(ALIASES_RESOURCE)) {
            Objects.requireNonNull(in, ALIASES_RESOURCE + " is missing");
            Map<String, String> aliases = new LinkedHashMap<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .forEach(f -> aliases.put(f[0].strip(), f[1].strip()));
            return Map.copyOf(aliases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model aliases: " + e.getMessage(), e);
        }
    }

    /** A catalogue id stays itself; an alias (an id of the original service) names its catalogue model. */
    @Override
    public String canonical(String model) {
        return entries.containsKey(model) ? model : ALIASES.getOrDefault(model, model);
    }

    /** The entry of a model, whether usable or not. */
    public Optional<Description> entry(String model) {
        return Optional.ofNullable(lookup(model));
    }

    /** The entry a model id stands for: its own, or the local model's for the local model's variants. */
    private @Nullable Description lookup(String model) {
        Description d = entries.get(model);
        return d == null && LocalChatModel.serves(model) ? entries.get("local") : d;
    }

    private boolean configured(String model) {
        Description d = lookup(model);
        return d != null && d.enabled() && (d.provider().equals("local") || providers.contains(d.provider()));
    }

    @Override
    public boolean isAvailable(String model) {
        return model != null && configured(model) && healthy(model);
    }

    /** A model's circuit ({@code closed}, {@code half_open} or {@code open}): its provider's breaker's word. */
    @Override
    public String circuit(String model) {
        return circuits.apply(model);
    }

    private boolean healthy(String model) {
        return !"open".equals(circuits.apply(model));
    }

    @Override
    public String defaultModel() {
        return defaultModel;
    }

    @Override
    public List<String> available() {
        return order.stream().filter(this::isAvailable).toList();
    }

    /** Usable models of the same tier, never the local model, other providers' first (another failure domain). */
    @Override
    public List<String> alternatives(String model) {
        Description failed = lookup(model);
        if (failed == null || failed.provider().equals("local")) {
            return List.of();
        }
        List<String> same = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String id : order) {
            Description d = entries.get(id);
            if (d == null
                    || id.equals(failed.id())
                    || d.provider().equals("local")
                    || !d.tier().equals(failed.tier())
                    || !isAvailable(id)) {
                continue;
            }
            (d.provider().equals(failed.provider()) ? same : other).add(id);
        }
        other.addAll(same);
        return List.copyOf(other);
    }

    @Override
    public List<Description> describe() {
        return order.stream()
                .filter(this::configured)
                .map(entries::get)
                .map(d -> new Description(
                        d.id(),
                        d.displayName(),
                        d.provider(),
                        d.tier(),
                        d.costPer1kInput(),
                        d.costPer1kOutput(),
                        d.latencyClass(),
                        d.qualityTier(),
                        d.safetyProfile(),
                        d.enabled() && healthy(d.id()),
                        d.id().equals(defaultModel) || d.recommended()))
                .toList();
    }
}
