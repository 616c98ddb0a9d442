package com.consultaion.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.application.port.out.ModelCatalog;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    private static final List<ModelCatalog.Description> SHIPPED = Catalogue.read(null);

    @Test
    void withoutProvidersOnlyTheLocalModelIsUsable() {
        Catalogue c = new Catalogue(SHIPPED, Set.of(), m -> "closed", "local");

        assertThat(c.available()).containsExactly("local");
        assertThat(c.isAvailable("local-fast")).isTrue(); // the local model's variants
        assertThat(c.isAvailable("gpt-4o-mini")).isFalse();
        assertThat(c.describe()).extracting(ModelCatalog.Description::id).containsExactly("local");
        assertThat(c.alternatives("local")).isEmpty();
    }

    @Test
    void aConfiguredProviderEnablesItsModelsAndAnOpenBreakerHidesOne() {
        Catalogue c = new Catalogue(
                SHIPPED, Set.of("openai", "groq"), m -> m.equals("gpt-4.1-mini") ? "open" : "closed", "local");

        assertThat(c.available())
                .contains("local", "gpt-4o-mini", "gpt-4o", "llama-3.3-70b-versatile")
                .doesNotContain("gpt-4.1-mini", "mistral-small-latest");
        // Same tier, usable, never local; another provider first.
        assertThat(c.alternatives("gpt-4o-mini"))
                .startsWith("llama-3.1-8b-instant", "llama-3.3-70b-versatile")
                .doesNotContain("local", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini");
        assertThat(c.alternatives("gpt-4o")).containsExactly("gpt-4.1");
    }

    @Test
    void aBadCatalogueOrDefaultIsRefusedClearly() {
        assertThatThrownBy(() -> Catalogue.parse(List.of("x\topenai\tX")))
                .hasMessage("catalogue line 1: 11 tab-separated fields expected");
        assertThatThrownBy(() ->
                        Catalogue.parse(List.of("x\topenai\tX\tstandard\tcheap\t0\tfast\tgood\tnormal\ttrue\ttrue")))
                .hasMessage("catalogue line 1: costs must be numbers");
        assertThatThrownBy(() -> new Catalogue(SHIPPED, Set.of(), m -> "closed", "gpt-4o"))
                .hasMessageContaining("the default model gpt-4o");
    }
}
