package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Violations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A parliament's seats and its failure tolerance. Seats speak in three phases (explore, rebuttal, converge);
 * after each phase the run fails with {@code seat_failure_threshold_exceeded} when more than
 * {@code maxSeatFailRatio} of the seats failed or fewer than {@code minRequiredSeats} answered — unless
 * {@code failFast} is off, in which case it goes on with whoever answered. {@code judged} panels have their
 * converged statements scored by the debate's judges, so parliaments feed the leaderboard.
 */
public record Panel(List<Seat> seats, double maxSeatFailRatio, int minRequiredSeats, boolean failFast, boolean judged) {

    public static final int MIN_SEATS = 2;
    public static final int MAX_SEATS = 8;
    public static final double DEFAULT_MAX_SEAT_FAIL_RATIO = 0.4;
    public static final int DEFAULT_MIN_REQUIRED_SEATS = 1;

    static final Pattern KEY = Pattern.compile("[a-z0-9_-]{1,40}");

    /** One seat: a stable id, the name it speaks under, its provider key and model, its role, its temperature. */
    public record Seat(String id, String name, String provider, String model, RoleProfile role, double temperature) {

        public static final double DEFAULT_TEMPERATURE = 0.5;

        public Seat {
            Violations v = new Violations();
            v.check(
                    id != null && KEY.matcher(id).matches(),
                    "seat_id",
                    "seat_id.invalid",
                    "must match ^[a-z0-9_-]{1,40}$");
            Names.name(v, "display_name", name);
            v.check(
                    provider != null && KEY.matcher(provider).matches(),
                    "provider_key",
                    "provider_key.invalid",
                    "must match ^[a-z0-9_-]{1,40}$");
            Names.model(v, "model", model);
            v.check(role != null, "role_profile", "role_profile.invalid", "is required");
            v.check(
                    temperature >= 0 && temperature <= 2,
                    "temperature",
                    "temperature.out_of_range",
                    "must be between 0 and 2");
            v.throwIfAny();
        }

        /** The same seat on the model {@code map} gives for its own. */
        Seat withModel(UnaryOperator<String> map) {
            return new Seat(id, name, provider, map.apply(model), role, temperature);
        }

        /** What this seat is to the judges and the leaderboard: an agent named after the seat. */
        public AgentSpec asAgent() {
            return new AgentSpec(name, role.title() + ". " + role.instructions(), model);
        }
    }

    /** The same panel with every seat's model mapped. */
    Panel withModels(UnaryOperator<String> map) {
        return new Panel(
                seats.stream().map(s -> s.withModel(map)).toList(),
                maxSeatFailRatio,
                minRequiredSeats,
                failFast,
                judged);
    }

    public Panel {
        seats = seats == null ? List.of() : List.copyOf(seats);
        Violations v = new Violations();
        v.check(
                seats.size() >= MIN_SEATS && seats.size() <= MAX_SEATS,
                "seats",
                "seats.count",
                "must have between " + MIN_SEATS + " and " + MAX_SEATS + " seats");
        v.check(
                unique(seats.stream().map(Seat::id).toList()),
                "seats",
                "seats.duplicate_id",
                "seat ids must be unique");
        v.check(
                unique(seats.stream().map(Seat::name).toList()),
                "seats",
                "seats.duplicate_name",
                "seat display names must be unique");
        v.check(
                maxSeatFailRatio >= 0 && maxSeatFailRatio <= 1,
                "max_seat_fail_ratio",
                "ratio.out_of_range",
                "must be between 0 and 1");
        v.check(
                minRequiredSeats >= 1 && minRequiredSeats <= Math.max(seats.size(), MIN_SEATS),
                "min_required_seats",
                "min_required_seats.out_of_range",
                "must be between 1 and the number of seats");
        v.throwIfAny();
    }

    /** The original service's panel: an optimist, a risk officer and a systems architect, all on {@code model}. */
    public static Panel defaults(String model) {
        return new Panel(
                List.of(
                        new Seat("optimist", "Optimist", "local", model, RoleProfile.OPTIMIST, 0.7),
                        new Seat("risk", "Risk Officer", "local", model, RoleProfile.RISK_OFFICER, 0.4),
                        new Seat("architect", "Systems Architect", "local", model, RoleProfile.ARCHITECT, 0.5)),
                DEFAULT_MAX_SEAT_FAIL_RATIO,
                DEFAULT_MIN_REQUIRED_SEATS,
                true,
                true);
    }

    /** Whether a phase in which {@code answered} of the seats answered may be followed by the next. */
    public boolean holds(int answered) {
        int total = seats.size();
        double failureRatio = total == 0 ? 1 : (double) (total - answered) / total;
        return failureRatio <= maxSeatFailRatio && answered >= minRequiredSeats;
    }

    public List<AgentSpec> asAgents() {
        return seats.stream().map(Seat::asAgent).toList();
    }

    public @Nullable Seat seatNamed(String name) {
        return seats.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    private static boolean unique(List<String> values) {
        Set<String> seen = new HashSet<>();
        return values.stream().allMatch(seen::add);
    }
}
