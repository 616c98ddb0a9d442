package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.RatingStore;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.rating.PersonaStats;
import com.consultaion.domain.rating.RatedDebate;
import com.consultaion.domain.rating.RatingEntry;
import com.consultaion.domain.rating.RecordedMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** The leaderboard's facts and boards in memory, with the same rules as the PostgreSQL store. */
public final class InMemoryRatingStore implements RatingStore {

    private record Rated(long seq, RatedDebate debate) {}

    private record Board(long through, List<RatingEntry> entries) {}

    private final InMemoryDatabase db;
    private final InMemoryDebateRepository debates;
    private final List<Rated> rated = new ArrayList<>();
    private final Map<DebateId, Rated> byDebate = new HashMap<>();
    private final Set<String> ownerPrompts = new HashSet<>();
    private final Map<String, Board> boards = new HashMap<>();

    public InMemoryRatingStore(InMemoryDatabase db, InMemoryDebateRepository debates) {
        this.db = db;
        this.debates = debates;
    }

    private static String ownerPrompt(RatedDebate d) {
        return d.owner().map(UserId::toString).orElse("-") + "/" + d.fingerprint();
    }

    @Override
    public boolean record(RatedDebate debate) {
        AtomicBoolean recorded = new AtomicBoolean();
        db.write(() -> {
            String key = ownerPrompt(debate);
            if (byDebate.containsKey(debate.debate()) || ownerPrompts.contains(key)) {
                return () -> {};
            }
            Rated row =
                    new Rated(rated.isEmpty() ? 1 : rated.get(rated.size() - 1).seq() + 1, debate);
            rated.add(row);
            byDebate.put(debate.debate(), row);
            ownerPrompts.add(key);
            recorded.set(true);
            return () -> {
                rated.remove(row);
                byDebate.remove(debate.debate());
                ownerPrompts.remove(key);
            };
        });
        return recorded.get();
    }

    @Override
    public List<String> categories() {
        return db.read(() -> List.copyOf(
                new TreeSet<>(rated.stream().map(r -> r.debate().category()).toList())));
    }

    @Override
    public List<RecordedMatch> matches(String category) {
        return db.read(() -> rated.stream()
                .filter(r -> category.equals(RatedDebate.OVERALL)
                        || r.debate().category().equals(category))
                .flatMap(r -> r.debate().matches().stream()
                        .map(m -> new RecordedMatch(m, r.debate().at())))
                .toList());
    }

    @Override
    public long lastRecorded() {
        return db.read(() -> rated.isEmpty() ? 0L : rated.get(rated.size() - 1).seq());
    }

    @Override
    public boolean replaceBoard(String category, List<RatingEntry> entries, long through) {
        AtomicBoolean replaced = new AtomicBoolean();
        db.write(() -> {
            Board old = boards.get(category);
            if (old != null && old.through() > through) {
                return () -> {};
            }
            boards.put(category, new Board(through, List.copyOf(entries)));
            replaced.set(true);
            return () -> {
                if (old == null) {
                    boards.remove(category);
                } else {
                    boards.put(category, old);
                }
            };
        });
        return replaced.get();
    }

    @Override
    public long boardThrough(String category) {
        return db.read(() ->
                Optional.ofNullable(boards.get(category)).map(Board::through).orElse(0L));
    }

    @Override
    public List<RatingEntry> board(String category, int minMatches, int limit) {
        return db.read(() -> entries(category)
                .filter(e -> e.matches() >= minMatches)
                .limit(limit)
                .toList());
    }

    @Override
    public Optional<RatingEntry> entry(String category, String persona) {
        return db.read(
                () -> entries(category).filter(e -> e.persona().equals(persona)).findFirst());
    }

    private Stream<RatingEntry> entries(String category) {
        Board board = boards.get(category);
        return board == null ? Stream.empty() : board.entries().stream();
    }

    @Override
    public List<PersonaStats> personaStats(int limit) {
        return db.read(() -> allStats().stream()
                .sorted(Comparator.comparingInt(PersonaStats::wins)
                        .reversed()
                        .thenComparing(
                                Comparator.comparingInt(PersonaStats::debates).reversed())
                        .thenComparing(PersonaStats::persona))
                .limit(limit)
                .toList());
    }

    @Override
    public Optional<PersonaStats> personaStats(String persona) {
        return db.read(() ->
                allStats().stream().filter(s -> s.persona().equals(persona)).findFirst());
    }

    private List<PersonaStats> allStats() {
        Map<String, double[]> acc = new HashMap<>(); // debates, wins, champion score sum, score sum
        for (Rated r : rated) {
            String champion = r.debate().champion().persona();
            for (RatedDebate.Score s : r.debate().scores()) {
                double[] a = acc.computeIfAbsent(s.persona(), k -> new double[4]);
                a[0]++;
                a[3] += s.score();
                if (s.persona().equals(champion)) {
                    a[1]++;
                    a[2] += s.score();
                }
            }
        }
        List<PersonaStats> out = new ArrayList<>();
        acc.forEach((persona, a) -> out.add(
                new PersonaStats(persona, (int) a[0], (int) a[1], a[1] == 0 ? null : a[2] / a[1], a[3] / a[0])));
        return out;
    }

    @Override
    public List<PersonaDebate> debatesOf(String persona, int limit) {
        return db.read(() -> newestFirst()
                .flatMap(r -> r.debate().scores().stream()
                        .filter(s -> s.persona().equals(persona))
                        .flatMap(s -> debate(r).stream()
                                .map(d -> new PersonaDebate(
                                        d.id(),
                                        d.ownerId(),
                                        d.teamId(),
                                        d.prompt().text(),
                                        d.finalContent().orElse(null),
                                        s.score(),
                                        s.persona().equals(r.debate().champion().persona()),
                                        r.debate().at()))))
                .limit(limit)
                .toList());
    }

    @Override
    public List<RatedDebateRow> hallOfFame(HallOfFameQuery query) {
        Comparator<Rated> newest = Comparator.comparingLong(Rated::seq).reversed();
        Comparator<Rated> order = switch (query.sort()) {
            case TOP ->
                Comparator.<Rated>comparingDouble(r -> r.debate().champion().score())
                        .reversed()
                        .thenComparing(newest);
            case RECENT -> newest;
            case CLOSEST ->
                Comparator.<Rated>comparingDouble(r -> margin(r.debate()))
                        .thenComparing(Comparator.<Rated>comparingDouble(
                                        r -> r.debate().champion().score())
                                .reversed())
                        .thenComparing(newest);
        };
        String contains = query.championContains() == null
                ? null
                : query.championContains().toLowerCase(Locale.ROOT);
        return db.read(() -> rated.stream()
                .filter(r -> contains == null
                        || r.debate()
                                .champion()
                                .persona()
                                .toLowerCase(Locale.ROOT)
                                .contains(contains))
                .filter(r -> query.from() == null || !r.debate().at().isBefore(query.from()))
                .filter(r -> query.to() == null || !r.debate().at().isAfter(query.to()))
                .sorted(order)
                .flatMap(r -> debate(r).stream()
                        .map(d -> new RatedDebateRow(
                                d.id(),
                                d.ownerId(),
                                d.teamId(),
                                d.prompt().text(),
                                d.finalContent().orElse(null),
                                r.debate().champion().persona(),
                                r.debate().champion().score(),
                                r.debate().runnerUpScore(),
                                r.debate().at())))
                .limit(query.limit())
                .toList());
    }

    private static double margin(RatedDebate d) {
        return d.champion().score() - d.runnerUpScore();
    }

    private Stream<Rated> newestFirst() {
        return rated.reversed().stream();
    }

    private Optional<Debate> debate(Rated r) {
        return debates.findById(r.debate().debate());
    }
}
