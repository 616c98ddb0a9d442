package com.consultaion.bootstrap.advisories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Known advisories in the OSV format (https://ossf.github.io/osv-schema/), for the Maven ecosystem, matched
 * against the components of a CycloneDX SBOM. The database is what osv.dev publishes: {@code Maven/all.zip}, a zip
 * of one JSON file per advisory, or those files unpacked in a folder; osv-scanner's offline layout
 * ({@code osv-scanner/Maven/all.zip} in a folder) is found too. Versions are ordered as Maven orders them
 * ({@link ComparableVersion}), as the OSV schema says for Maven; ranges of type {@code ECOSYSTEM} (events
 * {@code introduced}, {@code fixed}, {@code last_affected}) and explicit {@code versions} lists count; withdrawn
 * advisories do not.
 */
final class OsvAdvisories {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An advisory's match: the component, the advisory, and the first version that fixes it (null when none). */
    record Finding(String component, String version, String id, List<String> aliases, String summary, String fixed) {
        @Override
        public String toString() {
            return component + "@" + version + ": " + id + (aliases.isEmpty() ? "" : " " + aliases) + " " + summary
                    + (fixed == null ? " (no fixed version)" : " (fixed in " + fixed + ")");
        }
    }

    private final Map<String, List<JsonNode>> byPackage;
    private final int count;

    private OsvAdvisories(Map<String, List<JsonNode>> byPackage, int count) {
        this.byPackage = byPackage;
        this.count = count;
    }

    /** The advisories at {@code location}: a zip, a folder of JSON files, or a folder holding {@code Maven/all.zip}. */
    static OsvAdvisories load(Path location) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        Path zip = Stream.of(location, location.resolve("Maven/all.zip"), location.resolve("osv-scanner/Maven/all.zip"))
                .filter(Files::isRegularFile)
                .findFirst()
                .orElse(null);
        if (zip != null) {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    if (!e.isDirectory() && e.getName().endsWith(".json")) {
                        all.add(JSON.readTree(new NonClosing(in)));
                    }
                }
            }
        } else if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    all.add(JSON.readTree(f.toFile()));
                }
            }
        } else {
            throw new IOException(location + " is neither an OSV zip nor a folder of OSV advisories");
        }
        Map<String, List<JsonNode>> byPackage = new HashMap<>();
        for (JsonNode advisory : all) {
            for (JsonNode affected : advisory.path("affected")) {
                JsonNode pkg = affected.path("package");
                if ("Maven".equals(pkg.path("ecosystem").asText())) {
                    byPackage
                            .computeIfAbsent(pkg.path("name").asText(), k -> new ArrayList<>())
                            .add(advisory);
                }
            }
        }
        return new OsvAdvisories(byPackage, all.size());
    }

    int size() {
        return count;
    }

    /** Every advisory that applies to a Maven component of the SBOM at {@code bom} (CycloneDX JSON). */
    List<Finding> findings(Path bom) throws IOException {
        List<Finding> found = new ArrayList<>();
        for (JsonNode c : JSON.readTree(bom.toFile()).path("components")) {
            String name = c.path("group").asText() + ":" + c.path("name").asText();
            String version = c.path("version").asText();
            for (JsonNode advisory : byPackage.getOrDefault(name, List.of())) {
                if (advisory.hasNonNull("withdrawn")) {
                    continue;
                }
                for (JsonNode affected : advisory.path("affected")) {
                    if (name.equals(affected.path("package").path("name").asText()) && affects(affected, version)) {
                        found.add(new Finding(
                                name,
                                version,
                                advisory.path("id").asText(),
                                JSON.convertValue(
                                        advisory.path("aliases"),
                                        JSON.getTypeFactory().constructCollectionType(List.class, String.class)),
                                advisory.path("summary").asText(""),
                                firstFix(affected, version)));
                        break;
                    }
                }
            }
        }
        found.sort(Comparator.comparing(Finding::component).thenComparing(Finding::id));
        return found;
    }

    static boolean affects(JsonNode affected, String version) {
        for (JsonNode v : affected.path("versions")) {
            if (v.asText().equals(version)) {
                return true;
            }
        }
        ComparableVersion at = new ComparableVersion(version);
        for (JsonNode range : affected.path("ranges")) {
            if (!"ECOSYSTEM".equals(range.path("type").asText())) {
                continue;
            }
            // Events in order: inside after an "introduced" at or below the version, until a "fixed" at or
            // below it (exclusive) or a "last_affected" below it (inclusive).
            List<JsonNode> events = new ArrayList<>();
            range.path("events").forEach(events::add);
            events.sort(Comparator.comparing(OsvAdvisories::eventVersion));
            boolean inside = false;
            for (JsonNode e : events) {
                ComparableVersion ev = eventVersion(e);
                if (e.has("introduced") && ev.compareTo(at) <= 0) {
                    inside = true;
                } else if (e.has("fixed") && ev.compareTo(at) <= 0) {
                    inside = false;
                } else if (e.has("last_affected") && ev.compareTo(at) < 0) {
                    inside = false;
                }
            }
            if (inside) {
                return true;
            }
        }
        return false;
    }

    private static ComparableVersion eventVersion(JsonNode event) {
        String v = event.has("introduced")
                ? event.get("introduced").asText()
                : event.has("fixed")
                        ? event.get("fixed").asText()
                        : event.path("last_affected").asText(event.path("limit").asText("0"));
        return new ComparableVersion(v);
    }

    private static String firstFix(JsonNode affected, String version) {
        ComparableVersion at = new ComparableVersion(version);
        String best = null;
        for (JsonNode range : affected.path("ranges")) {
            for (JsonNode e : range.path("events")) {
                if (e.has("fixed")) {
                    ComparableVersion fix = new ComparableVersion(e.get("fixed").asText());
                    if (fix.compareTo(at) > 0 && (best == null || fix.compareTo(new ComparableVersion(best)) < 0)) {
                        best = e.get("fixed").asText();
                    }
                }
            }
        }
        return best;
    }

    /** A zip entry's stream that the JSON parser may close without closing the zip. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
