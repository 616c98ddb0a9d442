package com.consultaion.adapter.rest.error;

import com.consultaion.adapter.rest.http.Utf8BodyFilter;
import com.consultaion.domain.json.JsonReader;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.http.HttpRequest;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The top-level keys of a request's JSON body that its target type does not declare (by their JSON names). */
final class UnknownKeys {

    private UnknownKeys() {}

    static Set<String> of(HttpRequest<?> request, Class<?> target) {
        Set<String> unknown = new LinkedHashSet<>();
        try {
            Object body = request.getAttribute(Utf8BodyFilter.BODY_TEXT, String.class)
                    .map(JsonReader::read)
                    .orElse(null);
            var introspection = BeanIntrospector.SHARED.findIntrospection(target);
            if (!(body instanceof Map<?, ?> fields) || introspection.isEmpty()) {
                return unknown;
            }
            Set<String> known = new LinkedHashSet<>();
            BeanIntrospection<?> type = introspection.get();
            for (var property : type.getBeanProperties()) {
                known.add(property.stringValue(JsonProperty.class).orElse(property.getName()));
            }
            fields.keySet().stream()
                    .map(String::valueOf)
                    .filter(k -> !known.contains(k))
                    .forEach(unknown::add);
        } catch (RuntimeException unreadable) {
            // the first unknown field, which the deserialiser named, is reported anyway
        }
        return unknown;
    }
}
