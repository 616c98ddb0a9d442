package com.consultaion.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** The benchmarks' command line: {@code name=value} pairs (a bare {@code name} has the empty value). */
final class BenchArgs {

    private BenchArgs() {}

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return options;
    }
}
