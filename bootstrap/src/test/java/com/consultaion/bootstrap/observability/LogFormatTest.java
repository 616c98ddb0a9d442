package com.consultaion.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void anExplicitFormatWinsWhereverTheOutputGoes() {
        assertThat(LogFormat.choose(Optional.of("json"), Optional.empty(), true))
                .isEqualTo("json");
        assertThat(LogFormat.choose(Optional.of(" TEXT "), Optional.of("production"), false))
                .isEqualTo("text");
    }

    @Test
    void unsetItIsTextOnATerminalAndJsonWhenPiped() {
        assertThat(LogFormat.choose(Optional.empty(), Optional.empty(), true)).isEqualTo("text");
        assertThat(LogFormat.choose(Optional.empty(), Optional.of("dev"), true)).isEqualTo("text");
        assertThat(LogFormat.choose(Optional.empty(), Optional.empty(), false)).isEqualTo("json");
    }

    @Test
    void productionModeLogsJsonEvenOnATerminal() {
        assertThat(LogFormat.choose(Optional.empty(), Optional.of("production"), true))
                .isEqualTo("json");
        assertThat(LogFormat.choose(Optional.empty(), Optional.of(" Prod"), true))
                .isEqualTo("json");
    }

    @Test
    void anUnknownFormatStillLogsSomewhereUntilTheStartRefusesIt() {
        assertThat(LogFormat.choose(Optional.of("yaml"), Optional.empty(), true))
                .isEqualTo("json");
    }
}
