package com.consultaion.adapter.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The keys of the usage counters: a UTC day ({@code d:2026-11-26}) and a UTC month ({@code m:2026-11}). */
public final class UsagePeriods {

    private UsagePeriods() {}

    public static String day(Instant at) {
        return "d:" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    public static String month(Instant at) {
        return "m:" + LocalDate.ofInstant(at, ZoneOffset.UTC).toString().substring(0, 7);
    }
}
