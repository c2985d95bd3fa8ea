package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import dev.whopper.sim.trace.Recorder;
import java.util.Objects;

/**
 * A strategy as the command line names it: {@code random}, {@code rr} (or {@code round-robin}),
 * {@code pct} / {@code pct:D} (depth D, default 3), {@code pos}, {@code swarm}, {@code replay}.
 *
 * @param kind  which strategy
 * @param depth PCT's depth (1 for the others)
 */
public record StrategySpec(Kind kind, int depth) {
    /** The strategies. */
    public enum Kind {
        /** {@link RandomStrategy}. */
        RANDOM,
        /** {@link RoundRobinStrategy}. */
        ROUND_ROBIN,
        /** {@link PctStrategy}. */
        PCT,
        /** {@link PosStrategy}. */
        POS,
        /** {@link SwarmStrategy}: each seed draws its own strategy and rates. */
        SWARM,
        /** {@link ReplayStrategy}. */
        REPLAY
    }

    /** The default PCT depth. */
    public static final int DEFAULT_PCT_DEPTH = 3;

    public StrategySpec {
        Objects.requireNonNull(kind, "kind");
        if (depth < 1 || depth > 64) {
            throw new IllegalArgumentException("depth: " + depth + " (expected: 1..64)");
        }
    }

    /** @return the random strategy */
    public static StrategySpec random() {
        return new StrategySpec(Kind.RANDOM, 1);
    }

    /**
     * Parses a strategy name.
     *
     * @param text e.g. {@code "pct:2"}
     * @return the spec
     * @throws IllegalArgumentException with one line naming what is accepted
     */
    public static StrategySpec parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "random":
                return random();
            case "rr":
            case "round-robin":
                return new StrategySpec(Kind.ROUND_ROBIN, 1);
            case "pct":
                return new StrategySpec(Kind.PCT, DEFAULT_PCT_DEPTH);
            case "pos":
                return new StrategySpec(Kind.POS, 1);
            case "swarm":
                return new StrategySpec(Kind.SWARM, 1);
            case "replay":
                return new StrategySpec(Kind.REPLAY, 1);
            default:
                break;
        }
        if (t.startsWith("pct:")) {
            try {
                int d = Integer.parseInt(t.substring(4));
                if (d >= 1 && d <= 64) {
                    return new StrategySpec(Kind.PCT, d);
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(text + " (expected: random, rr, pct, pct:D with D in 1..64, pos, swarm or replay)");
    }

    /**
     * Builds the strategy (not for SWARM, which {@link SwarmStrategy#draw} resolves first).
     *
     * @param random   the scheduler's stream
     * @param fibers   number of fibers
     * @param horizon  the steps PCT spreads its change points over (the run's length, see
     *                 {@link PctStrategy}); the others ignore it
     * @param recorder the run's recorder (REPLAY reads from it)
     * @return the strategy
     */
    public Strategy create(RandomSource random, int fibers, long horizon, Recorder recorder) {
        return switch (kind) {
            case RANDOM -> new RandomStrategy(random);
            case ROUND_ROBIN -> new RoundRobinStrategy();
            case PCT -> new PctStrategy(random, depth, fibers, horizon);
            case POS -> new PosStrategy(random, fibers);
            case REPLAY -> new ReplayStrategy(recorder);
            case SWARM -> throw new IllegalStateException("swarm is resolved by SwarmStrategy.draw before create()");
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case RANDOM -> "random";
            case ROUND_ROBIN -> "rr";
            case PCT -> "pct:" + depth;
            case POS -> "pos";
            case SWARM -> "swarm";
            case REPLAY -> "replay";
        };
    }
}
