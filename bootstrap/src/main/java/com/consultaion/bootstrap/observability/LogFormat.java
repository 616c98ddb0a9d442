package com.consultaion.bootstrap.observability;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/**
 * Which console appender logback uses ({@code logback.xml} reads it as {@code ${LOG_FORMAT_CHOSEN}}): the
 * {@code LOG_FORMAT} setting when given; otherwise {@code json} in production mode, {@code text} when the output is
 * a terminal (a person reading it), and {@code json} when it is piped or collected. {@code ./mvnw -Prun} forks the
 * JVM with its output piped through Maven to the developer's terminal and says so with {@code -Dconsultaion.terminal}.
 */
public final class LogFormat extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        return choose(setting("LOG_FORMAT"), setting("CONSULTAION_MODE"), terminal());
    }

    /** The format for an explicit setting (or none), a mode setting (or none) and whether a person reads the output. */
    static String choose(Optional<String> explicit, Optional<String> mode, boolean terminal) {
        if (explicit.isPresent()) {
            String format = explicit.get().strip().toLowerCase(Locale.ROOT);
            return "text".equals(format) ? "text" : "json"; // an unknown value is refused by problem() at start
        }
        boolean production = mode.map(m -> m.strip().toLowerCase(Locale.ROOT))
                .filter(m -> m.equals("production") || m.equals("prod"))
                .isPresent();
        return !production && terminal ? "text" : "json";
    }

    /** What is wrong with the {@code LOG_FORMAT} setting, if anything: the start-up refuses an unknown format. */
    public static Optional<String> problem() {
        return setting("LOG_FORMAT")
                .filter(f -> !f.strip().equalsIgnoreCase("json") && !f.strip().equalsIgnoreCase("text"))
                .map(f -> "LOG_FORMAT must be 'json' or 'text' (got '" + f + "')");
    }

    private static Optional<String> setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /**
     * Whether the output is a terminal. On Java 21 {@link System#console()} exists only for an interactive terminal;
     * from Java 22 it always exists and {@code Console.isTerminal()} (looked up, as this is compiled for 21) tells.
     */
    @SuppressWarnings("SystemConsoleNull") // handled: the null check is for 21, isTerminal() for 22+
    private static boolean terminal() {
        if (Boolean.getBoolean("consultaion.terminal")) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
