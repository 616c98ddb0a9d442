package com.consultaion.adapter.llm.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of the core's prompts the local model reacts to (question, own answer, peers, candidates). */
final class TextParts {

    private static final Set<String> STOP = Set.of(
            "about",
            "after",
            "also",
            "been",
            "before",
            "being",
            "between",
            "could",
            "does",
            "each",
            "from",
            "have",
            "into",
            "just",
            "like",
            "more",
            "most",
            "much",
            "only",
            "other",
            "over",
            "same",
            "should",
            "some",
            "such",
            "than",
            "that",
            "their",
            "them",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "very",
            "what",
            "when",
            "where",
            "which",
            "while",
            "will",
            "with",
            "would",
            "your",
            "answer",
            "question",
            "looking",
            "considering",
            "regarding",
            "revised",
            "reading",
            "peer",
            "answers",
            "raise");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}'-]{3,}");

    private TextParts() {}

    static Optional<String> between(String text, String open, String close) {
        int start = text.indexOf(open);
        if (start < 0) {
            return Optional.empty();
        }
        int bodyStart = text.indexOf('\n', start);
        int end = text.indexOf(close, bodyStart < 0 ? start : bodyStart);
        if (bodyStart < 0 || end < 0) {
            return Optional.empty();
        }
        return Optional.of(text.substring(bodyStart + 1, end).strip());
    }

    /** Every block opened by {@code open} (with an optional label on the same line) and closed by {@code close}. */
    static Map<String, String> blocks(String text, String open, String close) {
        Map<String, String> blocks = new LinkedHashMap<>();
        int from = 0;
        while (true) {
            int start = text.indexOf(open, from);
            if (start < 0) {
                return blocks;
            }
            int lineEnd = text.indexOf('\n', start);
            int end = lineEnd < 0 ? -1 : text.indexOf(close, lineEnd);
            if (end < 0) {
                return blocks;
            }
            blocks.put(
                    text.substring(start + open.length(), lineEnd).strip(),
                    text.substring(lineEnd + 1, end).strip());
            from = end + close.length();
        }
    }

    /** Up to {@code max} distinctive words of a text, most frequent first, ties in order of appearance. */
    static List<String> keywords(String text, int max) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!STOP.contains(w)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> b.getValue() - a.getValue());
        return entries.stream().limit(max).map(Map.Entry::getKey).toList();
    }

    static String firstSentence(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        int end = flat.indexOf(". ");
        String sentence = end < 0 ? flat : flat.substring(0, end + 1);
        return sentence.length() > 240 ? sentence.substring(0, 237) + "..." : sentence;
    }

    static long hash(String... parts) {
        long h = 1125899906842597L;
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                h = 31 * h + part.charAt(i);
            }
            h = 31 * h + 0x1F;
        }
        h ^= (h >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= (h >>> 33);
        return h;
    }
}
