package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Violations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading a client's JSON fields: each reader records what is wrong under the field's path (in {@link Violations})
 * and returns a fallback, so one pass reports every bad field.
 */
final class ClientFields {

    private ClientFields() {}

    static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @SuppressWarnings("unchecked")
    static @Nullable List<Map<String, ?>> objects(Violations v, Map<String, ?> f, String key) {
        Object value = f.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            v.add(key, "type.list", "must be a list");
            return List.of();
        }
        List<Map<String, ?>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m) {
                out.add((Map<String, ?>) m);
            } else {
                v.add(key + "[" + i + "]", "type.object", "must be an object");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static @Nullable Map<String, ?> object(Violations v, Map<String, ?> f, String key, String path) {
        Object value = f.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        v.add(join(path, key), "type.object", "must be an object");
        return null;
    }

    static @Nullable String string(Violations v, Map<String, ?> f, String key, String path, @Nullable String fallback) {
        Object value = f.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return s;
        }
        v.add(join(path, key), "type.string", "must be a string");
        return fallback;
    }

    static List<String> strings(Violations v, Map<String, ?> f, String key, String path) {
        Object value = f.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof String)) {
            v.add(join(path, key), "type.string_list", "must be a list of strings");
            return List.of();
        }
        return list.stream().map(String.class::cast).toList();
    }

    static double number(Violations v, Map<String, ?> f, String key, String path, double fallback) {
        Object value = f.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        v.add(join(path, key), "type.number", "must be a number");
        return fallback;
    }

    static Integer integer(Violations v, Map<String, ?> f, String key, String path, int fallback) {
        Object value = f.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        v.add(join(path, key), "type.integer", "must be a whole number");
        return fallback;
    }

    static long longValue(Violations v, Map<String, ?> f, String key, String path, long fallback) {
        Object value = f.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9e15) {
            return n.longValue();
        }
        v.add(join(path, key), "type.integer", "must be a whole number");
        return fallback;
    }

    static boolean bool(Violations v, Map<String, ?> f, String key, String path, boolean fallback) {
        Object value = f.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        v.add(ClientFields.join(path, key), "type.boolean", "must be true or false");
        return fallback;
    }
}
