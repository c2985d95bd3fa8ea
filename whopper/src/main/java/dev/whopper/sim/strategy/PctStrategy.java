package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import java.util.Arrays;
import java.util.Objects;

/**
 * PCT, probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010) with bug depth {@code d}: every
 * fiber gets a distinct random initial priority in {@code d .. d+n-1}; {@code d - 1} change points are
 * drawn uniformly over the run's {@code horizon} of {@code k} steps; the highest-priority runnable fiber
 * always runs, and when the step count reaches the i-th change point (i from 1) the fiber about to run
 * drops to priority {@code d - i}. A bug of depth {@code d} among {@code n} fibers in a run of {@code k}
 * steps is then found with probability at least {@code 1 / (n * k^(d-1))} per run.
 *
 * <p>The horizon must be the run's real length, not the step budget: change points drawn over a budget
 * of 100000 steps never fall inside a run of 20. The run assembly measures it by running the same seed
 * once with depth 1 (the same initial priorities, no change point: the real run's prefix up to its first
 * change point), see {@code docs/simulator.md}.
 *
 * <p>A yield lowers the yielding fiber's priority below every priority given so far (0, then -1, ...),
 * as a cooperative scheduler's PCT does: a fiber that spins on yields waiting for another can never keep
 * the others from running, and the order among the fibers that did not yield stays as PCT drew it.
 */
public final class PctStrategy implements Strategy {
    private final int depth;
    private final long[] changePoints;
    private final long[] priority;
    private int nextChange;
    /** The priority the next yield gets: below every initial, change-point and earlier yield priority. */
    private long nextLow;
    /** The runnable fibers' priorities, once told of the runnable set ({@link #runnableChanged}); else null. */
    private MaxTree observed;

    /**
     * @param random  the scheduler's stream
     * @param depth   the bug depth d, &gt;= 1
     * @param fibers  number of fibers, &gt; 0
     * @param horizon steps the change points are spread over (the run's length), &gt; 0
     */
    public PctStrategy(RandomSource random, int depth, int fibers, long horizon) {
        Objects.requireNonNull(random, "random");
        if (depth < 1) {
            throw new IllegalArgumentException("depth: " + depth + " (expected: >= 1)");
        }
        if (fibers <= 0) {
            throw new IllegalArgumentException("fibers: " + fibers + " (expected: > 0)");
        }
        if (horizon <= 0) {
            throw new IllegalArgumentException("horizon: " + horizon + " (expected: > 0)");
        }
        this.depth = depth;
        priority = new long[fibers];
        for (int i = 0; i < fibers; i++) {
            priority[i] = depth + i;
        }
        for (int i = fibers - 1; i > 0; i--) { // Fisher-Yates: a random permutation of d .. d+n-1
            int j = random.nextInt(i + 1);
            long t = priority[i];
            priority[i] = priority[j];
            priority[j] = t;
        }
        changePoints = new long[depth - 1];
        int bound = (int) Math.min(Integer.MAX_VALUE, horizon);
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = random.nextInt(bound);
        }
        Arrays.sort(changePoints);
    }

    /**
     * Picks the runnable fiber of highest priority. Told of the runnable set's changes (by the scheduler, see
     * {@link #observesRunnable}), it keeps the runnable fibers' priorities in a tournament tree and a pick is
     * O(log n); otherwise (a caller that only passes the array) it scans {@code runnable}. Both pick the same
     * fiber: priorities are distinct.
     */
    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        if (view.lastStepYielded() && view.lastFiber() >= 0) {
            prioritize(view.lastFiber(), nextLow--);
        }
        if (observed == null) {
            int best = highest(runnable, count);
            while (nextChange < changePoints.length && view.step() >= changePoints[nextChange]) {
                priority[runnable[best]] = depth - 1 - nextChange; // the i-th change point (i from 1) sets d - i
                nextChange++;
                best = highest(runnable, count);
            }
            return best;
        }
        int best = observed.max();
        if (best < 0) {
            throw new IllegalStateException("pct: no runnable fiber among the " + count + " the scheduler counts");
        }
        while (nextChange < changePoints.length && view.step() >= changePoints[nextChange]) {
            prioritize(best, depth - 1 - nextChange);
            nextChange++;
            best = observed.max();
        }
        return view.runnableIndex(best);
    }

    /** Sets fiber {@code f}'s priority (and its key in the tree, while it is runnable). */
    private void prioritize(int f, long p) {
        priority[f] = p;
        if (observed != null && observed.key(f) != MaxTree.ABSENT) {
            observed.set(f, p);
        }
    }

    /** @return false: told of the runnable set's changes, a pick reads {@code count} and its own tree only */
    @Override
    public boolean readsRunnable() {
        return false;
    }

    @Override
    public boolean observesRunnable() {
        return true;
    }

    @Override
    public void runnableChanged(int fiber, boolean runnable) {
        if (observed == null) {
            observed = new MaxTree(priority.length);
        }
        observed.set(fiber, runnable ? priority[fiber] : MaxTree.ABSENT);
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
