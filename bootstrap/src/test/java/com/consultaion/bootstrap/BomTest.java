package com.consultaion.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code consultaion-bom} stays true: it lists every library module of the reactor, at the reactor's version, and
 * each third-party version it names is the one the service is built and tested with (from the service's SBOM).
 */
class BomTest {

    /** Modules of the reactor that are not libraries a user depends on. */
    private static final Set<String> NOT_LIBRARIES = Set.of("consultaion-bom", "examples", "benchmarks", "coverage");

    @Test
    void theBomListsEveryLibraryModuleAtTheReactorsVersionAndTheTestedThirdPartyVersions() throws Exception {
        Document root = xml(Path.of("../pom.xml"));
        Document bom = xml(Path.of("../consultaion-bom/pom.xml"));
        String version = text(root.getDocumentElement(), "version");
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(version);

        List<String> libraries = new ArrayList<>();
        NodeList modules = root.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            if (!NOT_LIBRARIES.contains(module)) {
                libraries.add(xmlText(Path.of("..", module, "pom.xml"), "artifactId"));
            }
        }

        Map<String, String> tested = new HashMap<>();
        for (JsonNode c :
                new ObjectMapper().readTree(Path.of("target/bom.json").toFile()).path("components")) {
            tested.put(
                    c.path("group").asText() + ":" + c.path("name").asText(),
                    c.path("version").asText());
        }
        tested.put("com.consultaion:bootstrap", version); // the SBOM's subject, not one of its components

        Map<String, String> properties = new HashMap<>();
        properties.put("project.version", version);
        NodeList props = ((Element) bom.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < props.getLength(); i++) {
            if (props.item(i) instanceof Element p) {
                properties.put(p.getTagName(), p.getTextContent().strip());
            }
        }
        List<String> ours = new ArrayList<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        assertThat(dependencies.getLength()).isPositive();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            String name = text(d, "groupId") + ":" + text(d, "artifactId");
            String declared = text(d, "version");
            String resolved =
                    declared.startsWith("${") ? properties.get(declared.substring(2, declared.length() - 1)) : declared;
            assertThat(resolved).as(name + " in the BOM").isEqualTo(tested.get(name));
            if (name.startsWith("com.consultaion:")) {
                ours.add(text(d, "artifactId"));
            }
        }
        assertThat(ours).containsExactlyInAnyOrderElementsOf(libraries);
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String xmlText(Path file, String child) throws Exception {
        return text(xml(file).getDocumentElement(), child);
    }

    /** The text of an element's direct child (not of a nested one, such as the parent's version). */
    private static String text(Element element, String child) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError(element.getTagName() + " has no " + child);
    }
}
