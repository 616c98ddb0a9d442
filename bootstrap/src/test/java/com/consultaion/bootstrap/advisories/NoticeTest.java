package com.consultaion.bootstrap.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NOTICE names every library the service runs with that is not under the Apache License 2.0 (from the SBOM). */
class NoticeTest {

    @Test
    void everyLibraryUnderAnotherLicenceIsNamedInNotice() throws IOException {
        String notice = Files.readString(Path.of("../NOTICE"));
        List<String> others = new ArrayList<>();
        for (JsonNode c :
                new ObjectMapper().readTree(Path.of("target/bom.json").toFile()).path("components")) {
            List<String> licences = new ArrayList<>();
            c.path("licenses")
                    .forEach(l -> licences.add(l.path("license").path("id").asText("")));
            if (!licences.equals(List.of("Apache-2.0"))) {
                others.add(c.path("group").asText() + ":" + c.path("name").asText());
            }
        }
        assertThat(others).isNotEmpty().allSatisfy(name -> {
            String group = name.substring(0, name.indexOf(':'));
            String artifact = name.substring(name.indexOf(':') + 1);
            assertThat(notice).as("NOTICE names " + name).contains(group + ":").contains(artifact);
        });
    }
}
