package com.consultaion.domain.rating;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.judging.RankedCandidate;
import com.consultaion.domain.judging.RankingResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one completed debate contributes to the leaderboard: every pair of personas the judges scored, the
 * higher aggregated score winning (equal scores tie), in ranking order; plus each persona's score for the
 * statistics. It is recorded once per debate.
 *
 * <p>Abuse rule (OWASP API6): a debate counts only if its owner has no rated debate with the same prompt
 * fingerprint in the same category. The fingerprint is the SHA-256 of the prompt folded to lower case, NFKC,
 * letters and digits only, words separated by one space, so repeating one prompt (or a copy differing in case,
 * spacing or punctuation) a thousand times moves ratings exactly once.
 */
public record RatedDebate(
        DebateId debate,
        Optional<UserId> owner,
        String fingerprint,
        String category,
        List<Score> scores,
        List<Match> matches,
        Instant at) {

    /** The category of debates that name none: the overall board. */
    public static final String OVERALL = "";

    /** A persona's aggregated judge score in this debate and its place (1 = best). */
    public record Score(String persona, double score, int rank) {}

    public RatedDebate {
        Objects.requireNonNull(debate, "debate");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(at, "at");
        scores = List.copyOf(scores);
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("a rated debate has at least one match");
        }
    }

    /**
     * The contribution of a debate that ended with content and a ranking in which at least two personas were
     * scored; empty for anything else (failed, cancelled, fewer than two scored personas).
     */
    public static Optional<RatedDebate> of(Debate debate, RankingResult ranking, String category, Instant at) {
        if (debate.status() != DebateStatus.COMPLETED && debate.status() != DebateStatus.COMPLETED_WITH_WARNINGS) {
            return Optional.empty();
        }
        List<RankedCandidate> scored =
                ranking.ranking().stream().filter(c -> c.score() != null).toList();
        if (scored.size() < 2) {
            return Optional.empty();
        }
        List<Score> scores = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            RankedCandidate a = scored.get(i);
            scores.add(new Score(a.candidate(), scoreOf(a), a.rank()));
            for (int j = i + 1; j < scored.size(); j++) {
                RankedCandidate b = scored.get(j);
                int cmp = Double.compare(scoreOf(a), scoreOf(b));
                matches.add(
                        cmp == 0
                                ? Match.tie(a.candidate(), b.candidate())
                                : cmp > 0
                                        ? Match.win(a.candidate(), b.candidate())
                                        : Match.win(b.candidate(), a.candidate()));
            }
        }
        return Optional.of(new RatedDebate(
                debate.id(), debate.ownerId(), fingerprint(debate.prompt().text()), category, scores, matches, at));
    }

    /** The best-scored persona. */
    public Score champion() {
        return scores.stream().max(Comparator.comparingDouble(Score::score)).orElseThrow();
    }

    /** The second-best score, the champion's margin is measured against. */
    public double runnerUpScore() {
        return scores.stream()
                .mapToDouble(Score::score)
                .sorted()
                .skip(Math.max(0, scores.size() - 2))
                .findFirst()
                .orElseThrow();
    }

    public static String fingerprint(String prompt) {
        String folded = Normalizer.normalize(prompt, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The score of a candidate known to be scored. */
    private static double scoreOf(RankedCandidate c) {
        return Objects.requireNonNull(c.score(), c.candidate());
    }
}
