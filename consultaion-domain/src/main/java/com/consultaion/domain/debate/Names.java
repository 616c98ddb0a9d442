package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Violations;
import java.util.regex.Pattern;

/** Shared rules for the short identifiers clients send: names, model ids, criteria. */
final class Names {

    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");
    static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    static final Pattern CRITERION = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private Names() {}

    static void name(Violations v, String field, @Nullable String value) {
        v.check(
                value != null && NAME.matcher(value).matches(),
                field,
                "name.invalid",
                "must be 1-64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
    }

    static void model(Violations v, String field, @Nullable String value) {
        v.check(
                value != null && MODEL.matcher(value).matches(),
                field,
                "model.invalid",
                "must be a model id of 1-128 characters (letters, digits, . _ : / @ -)");
    }
}
