package com.consultaion.bootstrap.db;

import com.consultaion.bootstrap.StartupFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the database location an operator gives: a {@code postgres://user:password@host:port/db} URL (as
 * hosting platforms hand out in DATABASE_URL) or a {@code jdbc:postgresql://host:port/db} URL.
 */
public final class DatabaseUrl {

    private static final String EXPECTED =
            "expected postgres://user:password@host:5432/database or jdbc:postgresql://host:5432/database";

    private DatabaseUrl() {}

    /**
     * Reads a PostgreSQL URL (postgres:// or jdbc:postgresql://) into JDBC settings.
     *
     * @param source the setting's name, for the error message (DATABASE_URL or JDBC_URL)
     * @param user used when the URL carries none (JDBC_USER); may be empty
     * @param password used when the URL carries none (JDBC_PASSWORD); may be empty
     */
    public static JdbcTarget parse(String source, String value, String user, String password) {
        String url = value.strip();
        if (url.startsWith("jdbc:postgresql://")) {
            URI uri = toUri(source, url.substring("jdbc:".length()));
            requireHostAndDatabase(source, uri);
            return new JdbcTarget(url, emptyToNull(user), emptyToNull(password));
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri = toUri(source, url);
            requireHostAndDatabase(source, uri);
            String urlUser = emptyToNull(user);
            String urlPassword = emptyToNull(password);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                if (colon >= 0) {
                    urlPassword = decode(userInfo.substring(colon + 1));
                }
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
            return new JdbcTarget(jdbcUrl, urlUser, urlPassword);
        }
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : "";
        throw new StartupFailure(source + " is not a PostgreSQL URL"
                + (scheme.isEmpty() || scheme.length() > 20 ? "" : " (scheme '" + scheme + "')") + ": " + EXPECTED);
    }

    private static URI toUri(String source, String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            // The message is built without the URL itself: it may hold a password.
            throw new StartupFailure(
                    source + " is malformed (" + e.getReason() + " at index " + e.getIndex() + "): " + EXPECTED);
        }
    }

    private static void requireHostAndDatabase(String source, URI uri) {
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new StartupFailure(source + " names no host: " + EXPECTED);
        }
        String path = uri.getPath();
        if (path == null || path.length() <= 1) {
            throw new StartupFailure(source + " names no database: " + EXPECTED);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
