package com.consultaion.bootstrap;

import com.consultaion.bootstrap.observability.LogFormat;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.net.BindException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the Consultaion HTTP service; a startup problem ends the process with one line naming it. */
public final class Application extends Micronaut {

    private static final Pattern ADDRESS = Pattern.compile("on /?([^\\s:/]+):(\\d+)");

    private Application() {}

    public static void main(String[] args) {
        Optional<String> logFormat = LogFormat.problem();
        if (logFormat.isPresent()) {
            System.err.println("consultaion: cannot start: " + logFormat.get());
            System.exit(1);
        }
        new Application().args(args).mainClass(Application.class).banner(false).start();
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        System.err.println("consultaion: cannot start: " + explain(environment, exception));
        System.err.flush();
        System.exit(1);
    }

    /**
     * Netty names the address it could not bind in the exception it throws ({host, port}); outer wrappers may
     * name the configured default instead, so the innermost mention wins.
     */
    private static Optional<String[]> boundAddress(Throwable exception) {
        String[] found = null;
        for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
            Matcher matcher = ADDRESS.matcher(String.valueOf(t.getMessage()));
            if (matcher.find()) {
                found = new String[] {matcher.group(1), matcher.group(2)};
            }
        }
        return Optional.ofNullable(found);
    }

    static String explain(Environment environment, Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure failure) {
                return failure.getMessage();
            }
            if (t instanceof BindException) {
                // Micronaut's wrapper re-reads the port without the PORT variable, so PORT itself comes first.
                String port = System.getenv("PORT");
                return boundAddress(exception)
                                .map(address ->
                                        "port " + (port == null ? address[1] : port.strip()) + " on " + address[0])
                                .orElse("the configured port")
                        + " is already in use; stop the other process or set PORT";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
