package com.consultaion.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated field, parameter, record component or method result may be null. Everything in the core
 * that is not annotated is non-null, and NullAway checks it at compile time (docs/quality.md). The core's own
 * annotation keeps it free of third-party dependencies; NullAway recognises any annotation named
 * {@code Nullable}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Nullable {}
