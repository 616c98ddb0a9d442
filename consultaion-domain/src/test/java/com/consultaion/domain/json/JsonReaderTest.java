package com.consultaion.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Object value =
                JsonReader.read(" {\"a\": [1, -2.5e1, true, false, null], \"b\": \"x\\n\\u00e9\\\"\", \"c\": {}} ");

        assertThat(value)
                .isEqualTo(Map.of(
                        "a", Arrays.asList(1.0, -25.0, true, false, null),
                        "b", "x\né\"",
                        "c", Map.of()));
    }

    @Test
    void refusesWhatJsonDoesNotAllow() {
        for (String bad : List.of(
                "{'a': 1}",
                "{\"a\": 01}",
                "{\"a\": 1,}",
                "[1 2]",
                "{\"a\" 1}",
                "\"\u0001\"",
                "{\"a\": 1, \"a\": 2}",
                "nul",
                "1.",
                "-",
                "\"\\x\"",
                "{")) {
            assertThatThrownBy(() -> JsonReader.read(bad)).as(bad).isInstanceOf(JsonReader.JsonException.class);
        }
    }

    @Test
    void boundsDepthAndSize() {
        assertThatThrownBy(() -> JsonReader.read("[".repeat(100) + "]".repeat(100)))
                .hasMessageContaining("nesting");
        assertThatThrownBy(() -> JsonReader.read("\"" + "a".repeat(JsonReader.MAX_LENGTH) + "\""))
                .hasMessageContaining("longer");
    }
}
