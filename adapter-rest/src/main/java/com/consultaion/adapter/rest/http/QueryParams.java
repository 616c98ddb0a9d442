package com.consultaion.adapter.rest.http;

import com.consultaion.domain.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters taken as text and parsed here, so a malformed one is a 422 naming the field, not a 400. */
public final class QueryParams {

    private QueryParams() {}

    public static int integer(String field, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ValidationException.of(field, field + ".invalid", "must be a whole number");
        }
    }

    /**
     * An ISO-8601 instant ({@code 2026-11-26T10:00:00Z}, with an offset, or a date meaning its start in UTC); null
     * when absent.
     */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw ValidationException.of(field, field + ".invalid", "must be an ISO-8601 date or date-time");
            }
        }
    }
}
