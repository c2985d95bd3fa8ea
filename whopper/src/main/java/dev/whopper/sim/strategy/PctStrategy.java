package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import java.util.Arrays;
import java.util.Objects;

/**
 * PCT, probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010) with bug depth {@code d}: every
 * fiber gets a distinct random initial priority above {@code d}; {@code d - 1} change points are drawn
 * uniformly over the expected number of steps; the highest-priority runnable fiber always runs, and when
 * the step count reaches the i-th change point the fiber about to run drops to priority {@code d - i}.
 * A bug of depth {@code d} among {@code n} fibers and {@code k} steps is found with probability at
 * least {@code 1 / (n * k^(d-1))} per run.
 */
public final class PctStrategy implements Strategy {
    private final int depth;
    private final long[] changePoints;
    private final int[] priority;
    private int nextChange;

    /**
     * @param random        the scheduler's stream
     * @param depth         the bug depth d, &gt;= 1
     * @param fibers        number of fibers, &gt; 0
     * @param expectedSteps steps the change points are spread over, &gt; 0
     */
    public PctStrategy(RandomSource random, int depth, int fibers, long expectedSteps) {
        Objects.requireNonNull(random, "random");
        if (depth < 1) {
            throw new IllegalArgumentException("depth: " + depth + " (expected: >= 1)");
        }
        if (fibers <= 0) {
            throw new IllegalArgumentException("fibers: " + fibers + " (expected: > 0)");
        }
        if (expectedSteps <= 0) {
            throw new IllegalArgumentException("expectedSteps: " + expectedSteps + " (expected: > 0)");
        }
        this.depth = depth;
        priority = new int[fibers];
        for (int i = 0; i < fibers; i++) {
            priority[i] = depth + i;
        }
        for (int i = fibers - 1; i > 0; i--) { // Fisher-Yates: a random permutation of d .. d+n-1
            int j = random.nextInt(i + 1);
            int t = priority[i];
            priority[i] = priority[j];
            priority[j] = t;
        }
        changePoints = new long[depth - 1];
        int bound = (int) Math.min(Integer.MAX_VALUE, expectedSteps);
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = random.nextInt(bound);
        }
        Arrays.sort(changePoints);
    }

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        int best = highest(runnable, count);
        while (nextChange < changePoints.length && view.step() >= changePoints[nextChange]) {
            priority[runnable[best]] = depth - 1 - nextChange; // the i-th change point (i from 1) sets d - i
            nextChange++;
            best = highest(runnable, count);
        }
        return best;
    }

    private int highest(int[] runnable, int count) {
        int best = 0;
        for (int i = 1; i < count; i++) {
            if (priority[runnable[i]] > priority[runnable[best]]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String name() {
        return "pct:" + depth;
    }
}
