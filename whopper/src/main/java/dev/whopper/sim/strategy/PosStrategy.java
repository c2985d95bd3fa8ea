package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import java.util.Objects;

/**
 * POS, partial-order sampling (Yuan et al., CAV 2018) without dependency information: every fiber holds a
 * random priority; the highest-priority runnable fiber runs, and the one that ran draws a fresh
 * priority. Long runs of one fiber and sudden preemptions are both likely, unlike uniform random.
 *
 * <p>A yield lowers the yielding fiber's priority below every other fiber's (one less than their least),
 * so a fiber spinning on yields lets the others run; its next step draws a fresh priority as usual.
 */
public final class PosStrategy implements Strategy {
    private final RandomSource random;
    private final long[] priority;

    /**
     * @param random the scheduler's stream
     * @param fibers number of fibers, &gt; 0
     */
    public PosStrategy(RandomSource random, int fibers) {
        this.random = Objects.requireNonNull(random, "random");
        if (fibers <= 0) {
            throw new IllegalArgumentException("fibers: " + fibers + " (expected: > 0)");
        }
        priority = new long[fibers];
        for (int i = 0; i < fibers; i++) {
            priority[i] = random.nextLong() >>> 1;
        }
    }

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        int last = view.lastFiber();
        if (last >= 0 && view.lastStepYielded()) {
            long least = Long.MAX_VALUE;
            for (int f = 0; f < priority.length; f++) {
                if (f != last && priority[f] < least) {
                    least = priority[f];
                }
            }
            priority[last] = least - 1; // at most one less per step: never overflows
        }
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (priority[runnable[i]] > priority[runnable[best]]) {
                best = i;
            }
        }
        priority[runnable[best]] = random.nextLong() >>> 1;
        return best;
    }

    @Override
    public String name() {
        return "pos";
    }
}
