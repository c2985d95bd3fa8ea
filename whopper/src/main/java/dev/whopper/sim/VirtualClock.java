package dev.whopper.sim;

import dev.whopper.core.io.Clock;

/**
 * Simulated time in nanoseconds, and the scheduler's step count. Each scheduler step costs a fixed
 * simulated CPU time, so time is kept as {@code base + steps * stepCostNanos}: a step is one increment
 * (the step counter and the clock are the same word), and only an idle jump or an explicit advance moves
 * the base. Only the simulator moves it; it never goes backwards. Starts at 0.
 */
public final class VirtualClock implements Clock {
    private final long stepCostNanos;
    private long steps;
    private long baseNanos;

    /** A clock whose steps cost no time (time moves only by {@link #advanceBy} and {@link #advanceTo}). */
    public VirtualClock() {
        this(0);
    }

    /** @param stepCostNanos simulated CPU time of one scheduler step, &gt;= 0 */
    public VirtualClock(long stepCostNanos) {
        if (stepCostNanos < 0) {
            throw new IllegalArgumentException("stepCostNanos: " + stepCostNanos + " (expected: >= 0)");
        }
        this.stepCostNanos = stepCostNanos;
    }

    @Override
    public long nowNanos() {
        return nanosAtStep(steps);
    }

    /**
     * The time of step {@code step} on the current base: {@link #nowNanos()} when {@code step} is
     * {@link #steps()}; for a step taken since the base last moved, the time it was taken at.
     *
     * @param step a step count
     * @return {@code base + step * stepCostNanos}
     */
    public long nanosAtStep(long step) {
        return baseNanos + step * stepCostNanos;
    }

    /** @return simulated CPU time of one step */
    public long stepCostNanos() {
        return stepCostNanos;
    }

    /** @return scheduler steps taken */
    public long steps() {
        return steps;
    }

    /** One scheduler step: time moves forward by the step cost. */
    public void step() {
        steps++;
    }

    /**
     * Sets the step count to {@code steps}, for a loop that counts steps in a local: one store, where
     * {@link #step()} would read the count back each step.
     *
     * @param steps the new count, &gt;= {@link #steps()}
     */
    public void stepsTo(long steps) {
        if (steps < this.steps) {
            throw new IllegalArgumentException("steps: " + steps + " (expected: >= " + this.steps + ")");
        }
        this.steps = steps;
    }

    /**
     * Moves time forward by {@code nanos}.
     *
     * @param nanos how far, &gt;= 0
     */
    public void advanceBy(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= 0)");
        }
        baseNanos += nanos;
    }

    /**
     * Moves time forward to {@code timeNanos}; a time in the past is ignored.
     *
     * @param timeNanos target time
     */
    public void advanceTo(long timeNanos) {
        long now = nowNanos();
        if (timeNanos > now) {
            baseNanos += timeNanos - now;
        }
    }
}
