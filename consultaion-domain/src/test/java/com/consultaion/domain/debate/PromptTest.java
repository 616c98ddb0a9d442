package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.Property;
import com.consultaion.domain.ValidationException;
import org.junit.jupiter.api.Test;

class PromptTest {

    @Test
    void aPromptIsTrimmed() {
        assertThat(new Prompt("   What is the best database?  \n").text()).isEqualTo("What is the best database?");
    }

    @Test
    void lengthIsCountedInCharactersAfterTrimming() {
        assertThatThrownBy(() -> new Prompt("  short    "))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at least 10");
        assertThat(new Prompt("x".repeat(5000)).text()).hasSize(5000);
        assertThatThrownBy(() -> new Prompt("x".repeat(5001))).hasMessageContaining("at most 5000");
        assertThatThrownBy(() -> new Prompt(null)).hasMessageContaining("is required");
        // 10 emoji are 10 characters, though 20 UTF-16 units
        assertThat(new Prompt("😀".repeat(10)).text()).hasSize(20);
    }

    @Test
    void everyTrimmedLengthInsideTheBoundsIsAcceptedAndEveryOtherRefused() {
        Property.forAll(7, 500, random -> {
            int length = random.nextInt(0, 5100);
            String padding = " ".repeat(random.nextInt(0, 5));
            String text = padding + "a".repeat(length) + padding;
            boolean valid = length >= Prompt.MIN_LENGTH && length <= Prompt.MAX_LENGTH;
            if (valid) {
                assertThat(new Prompt(text).text()).hasSize(length);
            } else {
                assertThatThrownBy(() -> new Prompt(text)).isInstanceOf(ValidationException.class);
            }
        });
    }

    @Test
    void controlCharactersOtherThanWhitespaceAreRefused() {
        // regression: a NUL in ?q= reached PostgreSQL and answered 500 (found by the HTTP fuzz test)
        assertThatThrownBy(() -> new Prompt("a prompt with \u0000 inside")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new Prompt("a prompt with \u0007 bell")).isInstanceOf(ValidationException.class);
        assertThat(new Prompt("line one\nline two\tand a tab").text()).contains("\n");
    }
}
