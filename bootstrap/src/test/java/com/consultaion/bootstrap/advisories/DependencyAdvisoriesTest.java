package com.consultaion.bootstrap.advisories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency check: the service's SBOM ({@code target/bom.json}, made by the CycloneDX plugin before the tests)
 * against known advisories in the OSV format. OWASP dependency-check needs NVD online; nothing on Maven Central,
 * Debian or npm serves an advisory database, so the database is one the operator downloads (osv.dev's
 * {@code Maven/all.zip}) and names with {@code OSV_DB}; without it the check is skipped and says so. The matcher
 * itself is always tested, on the real SBOM with advisories made here.
 */
class DependencyAdvisoriesTest {

    private static final Path BOM = Path.of("target/bom.json");
    private static final Path ACCEPTED = Path.of("src/test/resources/advisories-accepted.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServicesJarsHaveNoKnownAdvisory() throws IOException {
        String db = System.getenv().getOrDefault("OSV_DB", System.getProperty("osv.db", ""));
        assumeTrue(
                !db.isBlank(),
                "no advisory database: set OSV_DB to osv.dev's Maven database (download "
                        + "https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip) to check the SBOM");
        OsvAdvisories advisories = OsvAdvisories.load(Path.of(db));
        assertThat(advisories.size()).as("advisories in " + db).isPositive();
        Set<String> accepted = accepted();
        List<OsvAdvisories.Finding> open = advisories.findings(BOM).stream()
                .filter(f -> !accepted.contains(f.id()))
                .toList();
        assertThat(open)
                .as("known advisories for the service's jars (accept one with its reason in " + ACCEPTED + ")")
                .isEmpty();
    }

    @Test
    void theSbomNamesEveryJarTheServiceRunsWithAndItsLicence() throws IOException {
        JsonNode components = JSON.readTree(BOM.toFile()).path("components");
        Set<String> inBom = new TreeSet<>();
        for (JsonNode c : components) {
            inBom.add(c.path("name").asText() + "-" + c.path("version").asText());
            assertThat(c.path("licenses").size())
                    .as(c.path("purl").asText() + " has a licence")
                    .isPositive();
            assertThat(c.path("purl").asText()).startsWith("pkg:maven/");
        }
        List<String> jars = new ArrayList<>();
        for (String entry : Files.readString(Path.of("target/runtime-classpath.txt"))
                .strip()
                .split(":")) {
            String file = Path.of(entry).getFileName().toString();
            jars.add(file.substring(0, file.length() - ".jar".length()));
        }
        assertThat(jars).isNotEmpty();
        // A jar with a classifier (e.g. netty's linux-x86_64) is named by its artifact and version in the SBOM.
        assertThat(jars)
                .allSatisfy(jar -> assertThat(inBom.stream().anyMatch(jar::startsWith))
                        .as(jar + " in the SBOM")
                        .isTrue());
    }

    @Test
    void theMatcherFindsAffectedVersionsInMavensOrderAndSparesFixedOnes(@TempDir Path dir) throws IOException {
        String pg = version("org.postgresql", "postgresql"); // 42.7.x: "42.7.14" > "42.7.2" only in Maven's order
        Path zip = dir.resolve("all.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(out, advisory("TEST-1", "org.postgresql:postgresql", range("0", "fixed", "99.0")));
            add(out, advisory("TEST-2", "org.postgresql:postgresql", range("42.0.0", "fixed", "42.7.2")));
            add(out, advisory("TEST-3", "org.postgresql:postgresql", range("42.7.0", "last_affected", pg)));
            add(out, advisory("TEST-4", "org.postgresql:postgresql", range("0", "last_affected", "42.7.3")));
            add(
                    out,
                    Map.of(
                            "id", "TEST-5",
                            "summary", "listed",
                            "affected",
                                    List.of(Map.of(
                                            "package",
                                                    Map.of("ecosystem", "Maven", "name", "org.postgresql:postgresql"),
                                            "versions", List.of(pg)))));
            Map<String, Object> withdrawn =
                    new HashMap<>(advisory("TEST-6", "org.postgresql:postgresql", range("0", "fixed", "99.0")));
            withdrawn.put("withdrawn", "2026-01-01T00:00:00Z");
            add(out, withdrawn);
            add(out, advisory("TEST-7", "org.example:not-a-dependency", range("0", "fixed", "99.0")));
        }

        OsvAdvisories advisories = OsvAdvisories.load(zip);
        List<OsvAdvisories.Finding> found = advisories.findings(BOM);

        assertThat(advisories.size()).isEqualTo(7);
        assertThat(found.stream().map(OsvAdvisories.Finding::id).collect(Collectors.toList()))
                .containsExactly("TEST-1", "TEST-3", "TEST-5");
        assertThat(found.get(0).toString())
                .isEqualTo("org.postgresql:postgresql@" + pg + ": TEST-1 [CVE-TEST-1] a test advisory (fixed in 99.0)");
        // The same advisories unpacked in a folder, as osv.dev's zip unpacks.
        Path folder = Files.createDirectories(dir.resolve("unpacked"));
        Files.writeString(
                folder.resolve("TEST-1.json"),
                JSON.writeValueAsString(advisory("TEST-1", "org.postgresql:postgresql", range("0", "fixed", "99.0"))));
        assertThat(OsvAdvisories.load(folder).findings(BOM)).hasSize(1);
    }

    private static String version(String group, String artifact) throws IOException {
        for (JsonNode c : JSON.readTree(BOM.toFile()).path("components")) {
            if (group.equals(c.path("group").asText())
                    && artifact.equals(c.path("name").asText())) {
                return c.path("version").asText();
            }
        }
        throw new AssertionError(group + ":" + artifact + " is not in the SBOM");
    }

    private static Map<String, Object> range(String introduced, String endKind, String end) {
        return Map.of("type", "ECOSYSTEM", "events", List.of(Map.of("introduced", introduced), Map.of(endKind, end)));
    }

    private static Map<String, Object> advisory(String id, String pkg, Map<String, Object> range) {
        return Map.of(
                "id",
                id,
                "aliases",
                List.of("CVE-" + id),
                "summary",
                "a test advisory",
                "affected",
                List.of(Map.of(
                        "package", Map.of("ecosystem", "Maven", "name", pkg),
                        "ranges", List.of(range))));
    }

    private static void add(ZipOutputStream out, Map<String, Object> advisory) throws IOException {
        out.putNextEntry(new ZipEntry(advisory.get("id") + ".json"));
        out.write(JSON.writeValueAsString(advisory).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** Advisories accepted with a reason: the first word of each line that is not blank or a # comment. */
    private static Set<String> accepted() throws IOException {
        if (!Files.exists(ACCEPTED)) {
            return Set.of();
        }
        return Files.readAllLines(ACCEPTED).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")[0])
                .collect(Collectors.toSet());
    }
}
