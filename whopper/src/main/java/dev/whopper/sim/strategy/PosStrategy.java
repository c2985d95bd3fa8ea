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
    /** The runnable fibers' priorities, once told of the runnable set ({@link #runnableChanged}); else null. */
    private MaxTree observed;
    /** Every fiber's priority, negated (its largest key is the least priority), alongside {@link #observed}. */
    private MaxTree negated;

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

    /**
     * Picks the runnable fiber of highest priority. Told of the runnable set's changes (by the scheduler, see
     * {@link #observesRunnable}), it keeps the runnable fibers' priorities in one tournament tree and every
     * fiber's (negated, for the least) in another, and a pick is O(log n); otherwise (a caller that only
     * passes the array) it scans every fiber and {@code runnable}. Both pick the same fiber (the lowest id
     * among equal priorities).
     */
    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        int last = view.lastFiber();
        if (observed == null) {
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
        if (last >= 0 && view.lastStepYielded()) {
            negated.set(last, MaxTree.ABSENT); // the least of the others
            long least = negated.maxKey() == MaxTree.ABSENT ? Long.MAX_VALUE : -negated.maxKey();
            prioritize(last, least - 1);
        }
        int best = observed.max();
        if (best < 0) {
            throw new IllegalStateException("pos: no runnable fiber among the " + count + " the scheduler counts");
        }
        prioritize(best, random.nextLong() >>> 1);
        return view.runnableIndex(best);
    }

    /** Sets fiber {@code f}'s priority in both trees (in {@link #observed} while it is runnable). */
    private void prioritize(int f, long p) {
        priority[f] = p;
        negated.set(f, -p);
        if (observed.key(f) != MaxTree.ABSENT) {
            observed.set(f, p);
        }
    }

    /** @return false: told of the runnable set's changes, a pick reads {@code count} and its own trees only */
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
            negated = new MaxTree(priority.length);
            for (int f = 0; f < priority.length; f++) {
                negated.set(f, -priority[f]);
            }
        }
        observed.set(fiber, runnable ? priority[fiber] : MaxTree.ABSENT);
    }

    @Override
    public String name() {
        return "pos";
    }
}
