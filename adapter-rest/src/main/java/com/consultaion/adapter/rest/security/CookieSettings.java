package com.consultaion.adapter.rest.security;

/**
 * How session cookies are set. {@code secure} is on outside dev mode (cookies then travel over HTTPS only).
 * SameSite is Lax for the access and CSRF cookies (top-level navigation keeps the session; cross-site POSTs do
 * not carry it) and Strict for the refresh cookie, which is only sent to /auth.
 */
public record CookieSettings(boolean secure, String domain) {

    public static final String ACCESS = "consultaion_token";
    public static final String REFRESH = "consultaion_refresh";
    public static final String CSRF = "csrf_token";
}
