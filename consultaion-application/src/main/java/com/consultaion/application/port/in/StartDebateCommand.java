package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Violations;
import com.consultaion.domain.debate.Category;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.Prompt;
import java.util.Objects;
import java.util.function.Supplier;

/** Start a debate on {@code prompt}: validated in full when it is built, every bad field reported at once. */
public record StartDebateCommand(
        Requester requester,
        Prompt prompt,
        DebateMode mode,
        DebateConfig config,
        @Nullable String category) {

    public StartDebateCommand {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(config, "config");
    }

    /** Without a category. */
    public StartDebateCommand(Requester requester, Prompt prompt, DebateMode mode, DebateConfig config) {
        this(requester, prompt, mode, config, null);
    }

    /**
     * Builds the command from raw input, collecting the errors of every part: the prompt, the mode and the
     * config (whose supplier may itself throw a validation error for any of its fields).
     */
    public static StartDebateCommand of(
            Requester requester, String prompt, String mode, Supplier<DebateConfig> config) {
        return of(requester, prompt, mode, null, config);
    }

    /** With a category (null or blank: none), normalised and validated with the rest. */
    public static StartDebateCommand of(
            Requester requester, String prompt, String mode, @Nullable String category, Supplier<DebateConfig> config) {
        return of(requester, prompt, mode, category, config, null);
    }

    /**
     * With a parliament panel ({@code panel_config}; null: the config's own panel, else the default panel on the
     * config's first agent's model). A panel is only accepted for mode {@code parliament}.
     */
    public static StartDebateCommand of(
            Requester requester,
            String prompt,
            String mode,
            @Nullable String category,
            Supplier<DebateConfig> config,
            @Nullable Supplier<Panel> panel) {
        Violations v = new Violations();
        String cat = v.capture("", () -> Category.normalize(category));
        Prompt p = v.capture("", () -> new Prompt(prompt));
        DebateMode m = v.capture("", () -> DebateMode.parse(mode));
        DebateConfig c = v.capture("config", config);
        Panel given = panel == null ? null : v.capture("panel_config", panel);
        v.check(
                panel == null || m == null || m == DebateMode.PARLIAMENT,
                "panel_config",
                "panel_config.mode",
                "a panel is only used by mode parliament");
        v.throwIfAny();
        if (m == DebateMode.PARLIAMENT && c != null) {
            DebateConfig base = c;
            Panel current = base.panel();
            Panel seats = given != null
                    ? given
                    : current != null
                            ? current
                            : Panel.defaults(base.agents().get(0).model());
            c = v.capture("panel_config", () -> base.withPanel(seats));
            v.throwIfAny();
        }
        return new StartDebateCommand(
                requester, Objects.requireNonNull(p), Objects.requireNonNull(m), Objects.requireNonNull(c), cat);
    }
}
