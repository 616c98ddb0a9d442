package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.RecomputeRatingsUseCase;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.RatingStore;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.domain.Texts;
import com.consultaion.domain.Violations;
import com.consultaion.domain.debate.Category;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.rating.Leaderboard;
import com.consultaion.domain.rating.PersonaStats;
import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RatingEntry;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The leaderboard: records each completed debate's matches exactly once (inside the debate's completion
 * transaction), keeps the stored boards up to date by recomputing them from all stored matches after each new
 * record (in the background, coalesced), and answers the leaderboard and statistics queries.
 *
 * <p>Boards are a pure function of the stored matches in recorded order, so the admin recompute, any node's
 * refresh and the board kept after each debate agree to the last digit.
 */
public final class LeaderboardService implements LeaderboardQueries, RecomputeRatingsUseCase {

    private static final System.Logger LOG = System.getLogger(LeaderboardService.class.getName());
    private static final int EXCERPT = 220;
    private static final int MAX_NAME = 200;

    private final RatingStore store;
    private final Transactions transactions;
    private final Leaderboard.Settings settings;
    private final Duration refreshDelay;
    private final Audit audit;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean dirty = new AtomicBoolean();

    public LeaderboardService(RatingStore store, Transactions transactions, Leaderboard.Settings settings) {
        this(store, transactions, settings, Duration.ZERO);
    }

    /**
     * @param refreshDelay how long a refresh waits after the first completion that asks for it: completions in
     *     that time share the one refresh (a refresh reads every match and fits the model again, about a second of
     *     CPU at 100,000 matches), and debates finishing together do not compete with it for the CPU
     */
    public LeaderboardService(
            RatingStore store, Transactions transactions, Leaderboard.Settings settings, Duration refreshDelay) {
        this(store, transactions, settings, refreshDelay, AuditTrail.NONE, Clock.systemUTC());
    }

    /** With the audit trail the admin recompute is recorded in. */
    public LeaderboardService(
            RatingStore store,
            Transactions transactions,
            Leaderboard.Settings settings,
            Duration refreshDelay,
            AuditTrail audit,
            Clock clock) {
        this.audit = new Audit(audit, clock);
        if (refreshDelay.isNegative()) {
            throw new IllegalArgumentException("the leaderboard refresh delay must not be negative");
        }
        this.store = store;
        this.transactions = transactions;
        this.settings = settings;
        this.refreshDelay = refreshDelay;
    }

    /**
     * Records a debate that just completed, inside its completion transaction: returns whether it was rated
     * (false when it has nothing to rate, was rated before, or repeats a prompt its owner already had rated).
     */
    public boolean record(Debate completed, Optional<RankingResult> ranking, Instant at) {
        return ranking.flatMap(
                        r -> RatedDebate.of(completed, r, completed.category().orElse(RatedDebate.OVERALL), at))
                .map(store::record)
                .orElse(false);
    }

    /** Asks for the boards to be recomputed soon, on a background thread; calls while one runs coalesce. */
    public void refreshSoon() {
        dirty.set(true);
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name("leaderboard-refresh").start(this::drain);
        }
    }

    private void drain() {
        try {
            if (!refreshDelay.isZero()) {
                try {
                    Thread.sleep(refreshDelay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            while (dirty.getAndSet(false)) {
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "leaderboard refresh failed; the next debate retries it", e);
                }
            }
        } finally {
            running.set(false);
            if (dirty.get() && running.compareAndSet(false, true)) {
                Thread.ofVirtual().name("leaderboard-refresh").start(this::drain);
            }
        }
    }

    /** Recomputes every board from the stored matches now; admins and the embedding application only. */
    @Override
    public LeaderboardQueries.Recomputed recompute(Requester requester, ClientContext client) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may recompute ratings");
        }
        long started = System.nanoTime();
        int[] counts = refresh();
        LeaderboardQueries.Recomputed done = new LeaderboardQueries.Recomputed(
                counts[0], counts[1], store.lastRecorded(), (System.nanoTime() - started) / 1_000_000);
        audit.record(
                requester,
                "ratings_recomputed",
                "leaderboard",
                null,
                client,
                Map.of("entries", Integer.toString(done.entries()), "through", Long.toString(done.through())));
        return done;
    }

    /** Returns {categories, entries}. */
    private int[] refresh() {
        List<String> categories = new ArrayList<>();
        categories.add(RatedDebate.OVERALL);
        store.categories().stream().filter(c -> !c.equals(RatedDebate.OVERALL)).forEach(categories::add);
        int entries = 0;
        for (String category : categories) {
            long through = store.lastRecorded(); // read before the matches: the board holds at least these
            List<RatingEntry> board = Leaderboard.compute(category, store.matches(category), settings);
            transactions.run(() -> store.replaceBoard(category, board, through));
            entries += board.size();
        }
        return new int[] {categories.size(), entries};
    }

    @Override
    public List<RatingEntry> board(String category, int minMatches, int limit) {
        Violations v = new Violations();
        String c = category(v, category);
        v.check(
                minMatches >= 0 && minMatches <= MAX_MIN_MATCHES,
                "min_matches",
                "min_matches.out_of_range",
                "must be between 0 and " + MAX_MIN_MATCHES);
        limit(v, limit);
        v.throwIfAny();
        return store.board(c, minMatches, limit);
    }

    @Override
    public Optional<RatingEntry> entry(String category, String persona) {
        Violations v = new Violations();
        String c = category(v, category);
        name(v, "persona", persona);
        v.throwIfAny();
        return store.entry(c, persona);
    }

    @Override
    public List<PersonaStats> personaStats(int limit) {
        Violations v = new Violations();
        limit(v, limit);
        v.throwIfAny();
        return store.personaStats(limit);
    }

    @Override
    public Optional<PersonaDetail> persona(String persona, int limit, Requester requester) {
        Violations v = new Violations();
        name(v, "persona", persona);
        limit(v, limit);
        v.throwIfAny();
        Optional<PersonaStats> stats = store.personaStats(persona);
        if (stats.isEmpty()) {
            return Optional.empty();
        }
        List<DebateLine> recent = store.debatesOf(persona, limit).stream()
                .map(d -> {
                    boolean visible = requester.canSee(d.owner(), d.team());
                    return new DebateLine(
                            d.id(),
                            visible ? Optional.of(d.prompt()) : Optional.empty(),
                            visible ? excerpt(d.finalContent()) : Optional.empty(),
                            d.score(),
                            d.champion(),
                            d.at());
                })
                .toList();
        List<DebateLine> samples = recent.stream()
                .filter(d -> d.champion() && d.prompt().isPresent())
                .limit(5)
                .toList();
        return Optional.of(new PersonaDetail(stats.get(), recent, samples));
    }

    @Override
    public List<FameEntry> hallOfFame(
            String sort, int limit, String championContains, Instant from, Instant to, Requester requester) {
        Violations v = new Violations();
        RatingStore.HallOfFameSort order = null;
        try {
            order = RatingStore.HallOfFameSort.valueOf(
                    (sort == null || sort.isBlank() ? "top" : sort).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add("sort", "sort.invalid", "must be top, recent or closest");
        }
        limit(v, limit);
        if (championContains != null && !championContains.isEmpty()) {
            name(v, "model", championContains);
        }
        v.check(
                from == null || to == null || !from.isAfter(to),
                "start_date",
                "dates.order",
                "must not be after end_date");
        v.throwIfAny();
        return store
                .hallOfFame(new RatingStore.HallOfFameQuery(
                        order,
                        limit,
                        championContains == null || championContains.isEmpty() ? null : championContains,
                        from,
                        to))
                .stream()
                .map(r -> {
                    boolean visible = requester.canSee(r.owner(), r.team());
                    return new FameEntry(
                            r.id(),
                            visible ? Optional.of(r.prompt()) : Optional.empty(),
                            r.champion(),
                            r.championScore(),
                            r.runnerUpScore(),
                            r.championScore() - r.runnerUpScore(),
                            r.at(),
                            visible ? excerpt(r.finalContent()) : Optional.empty());
                })
                .toList();
    }

    private static Optional<String> excerpt(String content) {
        if (content == null) {
            return Optional.empty();
        }
        return Optional.of(content.length() <= EXCERPT ? content : content.substring(0, EXCERPT));
    }

    /** Blank is the overall board; anything else is compared in its normal form ("Urban Planning" = "urban planning"). */
    private static String category(Violations v, String category) {
        String normal = v.capture("", () -> Category.normalize(category));
        return normal == null ? RatedDebate.OVERALL : normal;
    }

    private static void name(Violations v, String field, String value) {
        v.check(value != null && !value.isBlank(), field, field + ".required", "must not be blank");
        v.check(
                value == null || value.length() <= MAX_NAME,
                field,
                field + ".too_long",
                "must have at most " + MAX_NAME + " characters");
        v.check(Texts.clean(value), field, "text.control_characters", "must not contain control characters");
    }

    private static void limit(Violations v, int limit) {
        v.check(limit >= 1 && limit <= MAX_LIMIT, "limit", "limit.out_of_range", "must be between 1 and " + MAX_LIMIT);
    }
}
