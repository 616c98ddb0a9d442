package com.consultaion.adapter.rest.ops;

import io.micronaut.serde.annotation.Serdeable;

/** What {@code GET /version} reports: the application name and the version it was built as. */
@Serdeable
public record BuildInfo(String app, String version) {}
