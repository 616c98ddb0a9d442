package com.consultaion.domain;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A minimal property runner (see docs/adr/0002): draws {@code cases} inputs from a seeded generator and checks
 * each; a failure names the seed and case number so it can be replayed exactly.
 */
public final class Property {

    private Property() {}

    public static void forAll(long seed, int cases, Consumer<SplittableRandom> check) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < cases; i++) {
            SplittableRandom random = root.split();
            try {
                check.accept(random);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed at case " + i + " (seed " + seed + "): " + e.getMessage(), e);
            }
        }
    }
}
