package com.consultaion.domain.judging;

import com.consultaion.domain.debate.DebateId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hides who wrote what from judges and critics. Each judge sees the candidates in its own shuffled order under
 * labels A, B, C …; the shuffle is a pure function of the debate id and the judge's name, so a run can be
 * reproduced and audited.
 */
public final class Anonymiser {

    private Anonymiser() {}

    /** A candidate as one reader sees it: its label, and the agent behind it (never shown to the reader). */
    public record Labelled(String label, String candidate) {}

    public static List<Labelled> labelsFor(DebateId debateId, String reader, List<String> candidates) {
        List<String> order = new ArrayList<>(candidates);
        SplittableRandom random = new SplittableRandom(seed(debateId, reader));
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String tmp = order.get(i);
            order.set(i, order.get(j));
            order.set(j, tmp);
        }
        List<Labelled> labelled = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            labelled.add(new Labelled(label(i), order.get(i)));
        }
        return List.copyOf(labelled);
    }

    /** A, B, … Z, then AA, AB …: never runs out, although debates have at most eight candidates. */
    public static String label(int index) {
        StringBuilder sb = new StringBuilder();
        int n = index;
        do {
            sb.insert(0, (char) ('A' + n % 26));
            n = n / 26 - 1;
        } while (n >= 0);
        return sb.toString();
    }

    static long seed(DebateId debateId, String reader) {
        long h = debateId.value().getMostSignificantBits() * 31
                + debateId.value().getLeastSignificantBits();
        // String.hashCode is specified by the JLS, so the seed is the same on every JVM.
        return h ^ (reader.hashCode() * 0x9E3779B97F4A7C15L);
    }
}
