package dev.whopper.sim.random;

import dev.whopper.core.io.RandomSource;
import dev.whopper.core.random.SplitMix64;
import java.util.Objects;

/**
 * The root seed of a run, split into named streams. A stream's seed is
 * {@code SplitMix64.mix(rootSeed ^ FNV-1a(name))}, so adding a stream or drawing more from one never
 * changes another: the scheduler's picks do not move when the workload draws one more number.
 *
 * <p>Stream names in use: {@value #SCHEDULER}, {@value #IO}, {@value #FAULTS}, {@value #SWARM}, {@value #CAMPAIGN},
 * {@code "fiber/<id>"} (the fiber's workload) and {@code "yield/<id>"} (its yield injector).
 *
 * @param rootSeed the run's seed
 */
public record RandomStreams(long rootSeed) {
    /** The scheduler strategy's stream. */
    public static final String SCHEDULER = "scheduler";
    /** The simulated disk's latency stream. */
    public static final String IO = "io";
    /** The fault injector's stream. */
    public static final String FAULTS = "faults";
    /** The swarm strategy's configuration draw. */
    public static final String SWARM = "swarm";
    /** The {@code campaign} run mode's per-seed configuration draw (drawn before the run is built). */
    public static final String CAMPAIGN = "campaign";

    /**
     * @param name the stream's name
     * @return the seed of that stream
     */
    public long seedOf(String name) {
        Objects.requireNonNull(name, "name");
        return SplitMix64.mix(rootSeed ^ Fnv1a.hash64(name));
    }

    /**
     * @param name the stream's name
     * @return a fresh generator for that stream (each call starts the stream from its beginning)
     */
    public RandomSource stream(String name) {
        return new Xoshiro256StarStar(seedOf(name));
    }

    /**
     * @param fiberId a fiber
     * @return the fiber's workload stream
     */
    public RandomSource fiber(int fiberId) {
        return stream(fiberStreamName(fiberId));
    }

    /**
     * @param fiberId a fiber
     * @return the name of the fiber's workload stream ({@code fiber/<id>})
     */
    public static String fiberStreamName(int fiberId) {
        return "fiber/" + fiberId;
    }

    /**
     * @param fiberId a fiber
     * @return the fiber's yield-injection stream
     */
    public RandomSource yields(int fiberId) {
        return stream("yield/" + fiberId);
    }
}
