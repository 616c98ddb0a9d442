package com.consultaion.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.safety.PiiScrubber.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Properties over seeded random inputs (ADR 0002): generated personal data and secrets never survive, wherever
 * they sit in ordinary text; ordinary text comes out unchanged.
 */
class PiiScrubberTest {

    private static final int CASES = 2_000;
    private static final List<String> WORDS = List.of(
            "the",
            "council",
            "should",
            "weigh",
            "budget",
            "risk",
            "plan",
            "pilot",
            "users",
            "library",
            "open",
            "late",
            "students",
            "cost",
            "benefit",
            "evidence",
            "review",
            "quarter",
            "team",
            "of",
            "five",
            "and",
            "with",
            "in",
            "2026",
            "3",
            "42",
            "v2.1",
            "e.g.",
            "Q3",
            "10%",
            "step",
            "1.",
            "(draft)",
            "–",
            "it's");

    private static String ordinary(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(3, 25);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : r.nextInt(8) == 0 ? ", " : " ").append(WORDS.get(r.nextInt(WORDS.size())));
        }
        return sb.append(r.nextBoolean() ? "." : "?").toString();
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }

    private static String letters(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    static String card(SplittableRandom r) {
        String body = (r.nextBoolean() ? "4" : "5") + digits(r, 14);
        for (int check = 0; check < 10; check++) {
            if (PiiScrubber.luhn(body + check)) {
                String n = body + check;
                return switch (r.nextInt(3)) {
                    case 0 -> n;
                    case 1 ->
                        n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8, 12) + " " + n.substring(12);
                    default ->
                        n.substring(0, 4) + "-" + n.substring(4, 8) + "-" + n.substring(8, 12) + "-" + n.substring(12);
                };
            }
        }
        throw new IllegalStateException();
    }

    static String iban(SplittableRandom r) {
        String bban = digits(r, 18);
        String country = r.nextBoolean() ? "DE" : "FR";
        for (int check = 2; check < 100; check++) {
            String candidate = country + String.format(Locale.ROOT, "%02d", check) + bban;
            if (PiiScrubber.ibanValid(candidate)) {
                if (r.nextBoolean()) {
                    return candidate;
                }
                StringBuilder spaced = new StringBuilder();
                for (int i = 0; i < candidate.length(); i += 4) {
                    spaced.append(i == 0 ? "" : " ").append(candidate, i, Math.min(i + 4, candidate.length()));
                }
                return spaced.toString();
            }
        }
        throw new IllegalStateException();
    }

    private record Generator(Kind kind, Function<SplittableRandom, String> make) {}

    private static final List<Generator> PII = List.of(
            new Generator(Kind.EMAIL, r -> letters(r, 6) + "." + letters(r, 4) + "@" + letters(r, 7) + ".com"),
            new Generator(Kind.PHONE, r -> switch (r.nextInt(3)) {
                case 0 -> "+1 " + digits(r, 3) + " " + digits(r, 3) + " " + digits(r, 4);
                case 1 -> "(" + digits(r, 3) + ") " + digits(r, 3) + "-" + digits(r, 4);
                default -> "+44 " + digits(r, 4) + " " + digits(r, 3) + " " + digits(r, 3);
            }),
            new Generator(Kind.CARD, PiiScrubberTest::card),
            new Generator(Kind.IBAN, PiiScrubberTest::iban),
            new Generator(
                    Kind.NATIONAL_ID,
                    r -> r.nextBoolean()
                            ? String.format(
                                    Locale.ROOT,
                                    "%03d-%02d-%04d",
                                    r.nextInt(1, 666),
                                    r.nextInt(1, 100),
                                    r.nextInt(1, 10_000))
                            : "AB " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2) + " C"),
            new Generator(
                    Kind.IP,
                    r -> r.nextBoolean()
                            ? r.nextInt(1, 255) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255)
                            : "2001:db8:" + Integer.toHexString(r.nextInt(1, 65_536)) + "::"
                                    + Integer.toHexString(r.nextInt(1, 65_536))),
            new Generator(Kind.SECRET, r -> switch (r.nextInt(4)) {
                case 0 -> "sk-" + letters(r, 10) + digits(r, 14);
                case 1 -> "AKIA" + digits(r, 8) + "ABCDEFGH";
                case 2 -> "ghp_" + letters(r, 20) + digits(r, 16);
                default -> "eyJ" + letters(r, 12) + "." + letters(r, 20) + "." + letters(r, 16);
            }));

    @Test
    void generatedPersonalDataNeverSurvivesWhereverItSits() {
        SplittableRandom r = new SplittableRandom(20_261_126);
        for (int i = 0; i < CASES; i++) {
            Generator g = PII.get(i % PII.size());
            String pii = g.make().apply(r);
            String text = ordinary(r) + " " + pii + (r.nextBoolean() ? "" : " " + ordinary(r));

            String scrubbed = PiiScrubber.ALL.scrub(text);

            assertThat(scrubbed)
                    .as("case %d: %s", i, text)
                    .doesNotContain(pii)
                    .contains(g.kind().placeholder());
        }
    }

    @Test
    void labelledSecretsAndBearerTokensLoseTheirValueButKeepTheirLabel() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < CASES; i++) {
            String value = letters(r, 8) + digits(r, 8);
            String label =
                    List.of("api_key", "API-KEY", "password", "token", "secret").get(i % 5);
            String text = ordinary(r) + " " + label + (r.nextBoolean() ? "=" : ": ") + value + " " + ordinary(r);
            String scrubbed = PiiScrubber.ALL.scrub(text);
            assertThat(scrubbed).doesNotContain(value).contains(label);

            String bearer = "Authorization: Bearer " + letters(r, 12) + digits(r, 12);
            assertThat(PiiScrubber.ALL.scrub(bearer)).isEqualTo("Authorization: Bearer [SECRET]");
        }
    }

    @Test
    void ordinaryTextComesOutUnchanged() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < CASES; i++) {
            String text = ordinary(r) + " " + ordinary(r);
            assertThat(PiiScrubber.ALL.scrub(text)).isEqualTo(text);
        }
        // Numbers that only look like the data: a failing Luhn sum, a failing IBAN check, a version, a year.
        String lookalikes =
                "Order 4111 1111 1111 1112 shipped; account DE00 1234 5678 9012 3456 78; v1.2.3; 2026-11-26.";
        assertThat(PiiScrubber.ALL.scrub(lookalikes)).isEqualTo(lookalikes);
    }

    @Test
    void onlyTheConfiguredKindsAreScrubbed() {
        PiiScrubber emailsOnly = new PiiScrubber(EnumSet.of(Kind.EMAIL));
        String text = "Write to ana@example.org or call +1 415 555 0100.";

        assertThat(emailsOnly.scrub(text)).isEqualTo("Write to [EMAIL] or call +1 415 555 0100.");
        assertThat(PiiScrubber.ALL.scrub(text)).isEqualTo("Write to [EMAIL] or call [PHONE].");
        assertThat(PiiScrubber.NONE.scrub(text)).isEqualTo(text);
        assertThat(Kind.parse("national-id")).isEqualTo(Kind.NATIONAL_ID);
    }
}
