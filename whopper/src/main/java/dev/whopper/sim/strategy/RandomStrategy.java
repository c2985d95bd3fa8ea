package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import java.util.Objects;

/** Uniformly random among the runnable fibers at every step. */
public final class RandomStrategy implements Strategy {
    private final RandomSource random;

    /** @param random the scheduler's stream */
    public RandomStrategy(RandomSource random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        return random.nextInt(count);
    }

    @Override
    public String name() {
        return "random";
    }
}
