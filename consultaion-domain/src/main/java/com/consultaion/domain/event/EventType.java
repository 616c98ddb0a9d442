package com.consultaion.domain.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event payload's wire type, and whether it ends a run. With the record's components (their snake_case names
 * are the wire fields, in order), this is the whole declaration of an event type: {@link EventPayload#fields()}
 * and {@link EventPayloads#decode} are derived from it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String value();

    boolean terminal() default false;
}
