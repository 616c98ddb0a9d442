package com.consultaion.domain.safety;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data and secrets in text that leaves the process with typed placeholders ({@code [EMAIL]},
 * {@code [CARD]} …). Card numbers must pass the Luhn check and IBANs the ISO 13616 mod-97 check, so ordinary
 * numbers survive; kinds are applied most specific first (secrets, e-mails, IBANs, cards, national ids, IP
 * addresses, phone numbers). Pure and thread-safe.
 */
public final class PiiScrubber {

    /** What can be scrubbed, each with its placeholder. */
    public enum Kind {
        SECRET,
        EMAIL,
        IBAN,
        CARD,
        NATIONAL_ID,
        IP,
        PHONE;

        public String placeholder() {
            return "[" + name() + "]";
        }

        public static Kind parse(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private record Rule(Kind kind, Pattern pattern, Predicate<String> valid, int group) {}

    private static final Rule[] RULES = {
        // A labelled secret keeps its label: "api_key=…" → "api_key=[SECRET]".
        new Rule(
                Kind.SECRET,
                Pattern.compile("(?i)\\b(?:api[_-]?key|secret|password|passwd|token|access[_-]?key)\\s*[:=]\\s*"
                        + "[\"']?([^\\s\"',;]{8,})"),
                s -> true,
                1),
        new Rule(Kind.SECRET, Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)"), s -> true, 1),
        new Rule(
                Kind.SECRET,
                Pattern.compile("\\b(?:(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}"
                        + "|xox[abpr]-[A-Za-z0-9-]{10,}|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})"),
                s -> true,
                0),
        new Rule(
                Kind.EMAIL,
                Pattern.compile("(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
                s -> true,
                0),
        new Rule(
                Kind.IBAN,
                Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"),
                PiiScrubber::ibanValid,
                0),
        // 13-19 digits in one run, or in the printed groups (4-4-4-x, 4-6-5), each checked with Luhn.
        new Rule(
                Kind.CARD,
                Pattern.compile(
                        "(?<![\\d-])(?:\\d{13,19}|\\d{4}(?:[ -]\\d{4}){2}[ -]\\d{1,7}|\\d{4}[ -]\\d{6}[ -]\\d{5})"
                                + "(?![\\d-])"),
                PiiScrubber::luhn,
                0),
        new Rule(
                Kind.NATIONAL_ID,
                Pattern.compile(
                        "\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b" // US social security
                                + "|\\b[A-CEGHJ-PR-TW-Z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b"), // UK national
                // insurance
                s -> true,
                0),
        new Rule(
                Kind.IP,
                Pattern.compile(
                        "\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b"
                                + "|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\\w:])"
                                + "|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4}(?![\\w:])"),
                s -> true,
                0),
        new Rule(
                Kind.PHONE,
                // International (+country), a bracketed area code, or dash/dot groups: never bare numbers with spaces,
                // which ordinary text is full of.
                Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]\\d{2,4}){1,3}"
                        + "|\\(\\d{2,4}\\)[ .-]?\\d{3,4}[ .-]\\d{3,4}"
                        + "|\\d{3}[.-]\\d{3,4}[.-]\\d{4})(?![\\w])"),
                s -> true,
                0),
    };

    /** Every kind on. */
    public static final PiiScrubber ALL = new PiiScrubber(EnumSet.allOf(Kind.class));

    /** Nothing scrubbed. */
    public static final PiiScrubber NONE = new PiiScrubber(EnumSet.noneOf(Kind.class));

    private final EnumSet<Kind> kinds;

    public PiiScrubber(Set<Kind> kinds) {
        this.kinds = EnumSet.noneOf(Kind.class);
        this.kinds.addAll(kinds);
    }

    public Set<Kind> kinds() {
        return EnumSet.copyOf(kinds);
    }

    public String scrub(String text) {
        String out = text;
        for (Rule rule : RULES) {
            if (kinds.contains(rule.kind())) {
                out = apply(rule, out);
            }
        }
        return out;
    }

    private static String apply(Rule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            String found = m.group(rule.group());
            if (found == null || !rule.valid().test(found)) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, m.start(rule.group())).append(rule.kind().placeholder());
            last = m.end(rule.group());
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, last, text.length()).toString();
    }

    /** The Luhn checksum of a card number (spaces and dashes ignored). */
    static boolean luhn(String number) {
        String digits = number.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The ISO 13616 check of an IBAN (spaces ignored): the number it spells is 1 modulo 97. */
    static boolean ibanValid(String iban) {
        String s = iban.replace(" ", "");
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
