package com.consultaion.adapter.rest.http;

import io.micronaut.http.HttpRequest;

/**
 * A request's path as the router reads it: the router matches a route with or without one trailing slash
 * ({@code GET /models/}, as the original service's SDK calls it), so every path-based rule (which routes are
 * public, what a call costs, which are admitted a few at a time) reads the path without it too.
 */
public final class RoutePath {

    private RoutePath() {}

    public static String of(HttpRequest<?> request) {
        String path = request.getPath();
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
