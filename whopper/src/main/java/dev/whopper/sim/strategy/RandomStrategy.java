package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import dev.whopper.sim.random.Xoshiro256StarStar;
import java.util.Objects;

/** Uniformly random among the runnable fibers at every step. */
public final class RandomStrategy implements Strategy {
    private final RandomSource random;
    /** The same stream when it is the simulator's own generator: drawn from without an interface call. */
    private final Xoshiro256StarStar xoshiro;

    /** @param random the scheduler's stream */
    public RandomStrategy(RandomSource random) {
        this.random = Objects.requireNonNull(random, "random");
        this.xoshiro = random instanceof Xoshiro256StarStar x ? x : null;
    }

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        return xoshiro != null ? xoshiro.nextInt(count) : random.nextInt(count);
    }

    /** @return the simulator's own generator behind this strategy, or {@code null} for another source */
    public Xoshiro256StarStar generator() {
        return xoshiro;
    }

    @Override
    public String name() {
        return "random";
    }
}
