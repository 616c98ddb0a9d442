package com.consultaion.domain.event;

import com.consultaion.domain.Nullable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Payload records to wire fields and back, from their declaration: each component is a field named in snake_case,
 * in declaration order. Values are JSON-compatible: strings, numbers, booleans, lists of strings, maps, and nested
 * records (as maps). Decoding accepts any {@link Number} for a number (JSON libraries differ), takes a missing
 * number or boolean as 0 or false, and refuses a missing value only where the component is not {@link Nullable}.
 */
final class EventWire {

    /** One record type's components, accessors and canonical constructor, read once. */
    private static final class Shape {
        private final String[] names;
        private final RecordComponent[] components;
        private final boolean[] nullable;
        private final Constructor<?> constructor;

        Shape(String[] names, RecordComponent[] components, boolean[] nullable, Constructor<?> constructor) {
            this.names = names;
            this.components = components;
            this.nullable = nullable;
            this.constructor = constructor;
        }

        String[] names() {
            return names;
        }

        RecordComponent[] components() {
            return components;
        }

        boolean[] nullable() {
            return nullable;
        }

        Constructor<?> constructor() {
            return constructor;
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            boolean[] nullable = new boolean[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = snake(components[i].getName());
                nullable[i] = components[i].isAnnotationPresent(Nullable.class);
                types[i] = components[i].getType();
                components[i].getAccessor().setAccessible(true);
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return new Shape(names, components, nullable, constructor);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }
    };

    /** Wire type → payload record, from the sealed interface's permitted records. */
    private static final Map<String, Class<?>> TYPES = types();

    private EventWire() {}

    private static Map<String, Class<?>> types() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        for (Class<?> c : EventPayload.class.getPermittedSubclasses()) {
            EventType declared = c.getAnnotation(EventType.class);
            if (declared != null && types.put(declared.value(), c) != null) {
                throw new IllegalStateException("two payloads declare the type " + declared.value());
            }
        }
        return Collections.unmodifiableMap(types);
    }

    static EventType declaration(Class<?> payload) {
        return Objects.requireNonNull(payload.getAnnotation(EventType.class), payload + " declares no @EventType");
    }

    static Map<String, Object> fields(Record payload) {
        Shape shape = SHAPES.get(payload.getClass());
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < shape.components().length; i++) {
            map.put(shape.names()[i], wire(read(shape.components()[i], payload)));
        }
        return Collections.unmodifiableMap(map);
    }

    /** The payload of {@code type} from its fields; null when no payload declares that type. */
    static @Nullable EventPayload decode(String type, Map<String, Object> fields) {
        Class<?> c = TYPES.get(type);
        return c == null ? null : (EventPayload) build(c, fields);
    }

    private static Object build(Class<?> type, Map<String, Object> fields) {
        Shape shape = SHAPES.get(type);
        Object[] args = new Object[shape.components().length];
        for (int i = 0; i < args.length; i++) {
            RecordComponent c = shape.components()[i];
            Object raw = fields.get(shape.names()[i]);
            if (raw == null && !shape.nullable()[i] && !c.getType().isPrimitive() && !defaultsWhenMissing(c)) {
                throw new NullPointerException(shape.names()[i]);
            }
            args[i] = value(c.getType(), c.getGenericType(), raw);
        }
        try {
            return shape.constructor().newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists, maps and nested records read as empty when absent (as they were always written). */
    private static boolean defaultsWhenMissing(RecordComponent c) {
        return List.class.isAssignableFrom(c.getType())
                || Map.class.isAssignableFrom(c.getType())
                || c.getType().isRecord();
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object value(Class<?> type, Type generic, @Nullable Object raw) {
        if (type == int.class) {
            return raw == null ? 0 : ((Number) raw).intValue();
        }
        if (type == long.class) {
            return raw == null ? 0L : ((Number) raw).longValue();
        }
        if (type == double.class) {
            return raw == null ? 0.0 : ((Number) raw).doubleValue();
        }
        if (type == boolean.class) {
            return Boolean.TRUE.equals(raw);
        }
        if (type == String.class) {
            return raw == null ? null : raw.toString();
        }
        if (List.class.isAssignableFrom(type)) {
            return raw == null
                    ? List.of()
                    : ((List<?>) raw).stream().map(Object::toString).toList();
        }
        if (Map.class.isAssignableFrom(type)) {
            Map<String, Object> m = raw == null ? Map.of() : (Map<String, Object>) raw;
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[1] == Double.class) {
                Map<String, Double> doubles = new LinkedHashMap<>();
                m.forEach((k, v) -> doubles.put(k, ((Number) v).doubleValue()));
                return doubles;
            }
            return m;
        }
        if (type.isRecord()) {
            return build(type, raw == null ? Map.of() : (Map<String, Object>) raw);
        }
        throw new IllegalStateException("no wire form for " + type);
    }

    private static @Nullable Object read(RecordComponent c, Record payload) {
        try {
            return c.getAccessor().invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Object wire(@Nullable Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Record nested) {
            return fields(nested);
        }
        return value;
    }

    private static String snake(String camel) {
        StringBuilder s = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                s.append('_').append(Character.toLowerCase(ch));
            } else {
                s.append(ch);
            }
        }
        return s.toString();
    }
}
