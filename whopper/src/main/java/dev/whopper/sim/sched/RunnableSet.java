package dev.whopper.sim.sched;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The runnable fibers' ids in ascending order, kept up to date incrementally: fibers whose state may have
 * changed are {@linkplain #touch touched}, and {@link #apply} then adds each touched fiber that is RUNNABLE
 * and removes each one that is not, leaving exactly the array an ascending scan over every fiber would
 * build. A few changes are binary-searched in and out ({@code System.arraycopy} moves the tail); many at
 * once are sorted and merged in one pass. Nothing here scans the fibers that did not change, and nothing
 * allocates after construction: every array holds at most one entry per fiber.
 */
final class RunnableSet {
    /** Touched fibers up to which each is inserted or removed on its own; beyond, they are merged. */
    static final int MERGE_ABOVE = 8;

    /** The runnable ids, ascending, in {@code ids[0 .. count-1]}: the array the strategies see. */
    final int[] ids;
    private int count;
    private final int[] touched;
    private final boolean[] isTouched;
    private int touchedCount;
    /** Every fiber must be looked at: {@link #rebuild} instead of {@link #apply}. */
    private boolean all = true;
    private final int[] scratch;

    /** @param fibers how many fibers there are */
    RunnableSet(int fibers) {
        ids = new int[fibers];
        touched = new int[fibers];
        isTouched = new boolean[fibers];
        scratch = new int[fibers];
    }

    /** @return how many fibers are runnable, as of the last {@link #apply} or {@link #rebuild} */
    int count() {
        return count;
    }

    /** @param id a fiber whose state may have changed since the last {@link #apply}; idempotent */
    void touch(int id) {
        if (!isTouched[id]) {
            isTouched[id] = true;
            touched[touchedCount++] = id;
        }
    }

    /** Every fiber may have changed: the next update looks at all of them. */
    void touchAll() {
        all = true;
    }

    /** @return true when something was touched since the last update */
    boolean pending() {
        return all || touchedCount > 0;
    }

    /** @return true when the next update should look at every fiber ({@link #touchAll}, or many touched) */
    boolean wantsRebuild() {
        return all || touchedCount > ids.length / 4;
    }

    /** @return how many fibers are touched */
    int touchedCount() {
        return touchedCount;
    }

    /** @param k an index below {@link #touchedCount()} @return the touched fiber there */
    int touched(int k) {
        return touched[k];
    }

    /**
     * Replaces the set by every fiber {@code runnable} accepts, scanning ids in ascending order (the full
     * scan), and forgets what was touched.
     *
     * @param runnable whether a fiber (by id) is runnable
     */
    void rebuild(IntPredicate runnable) {
        int n = 0;
        for (int id = 0; id < ids.length; id++) {
            if (runnable.test(id)) {
                ids[n++] = id;
            }
        }
        count = n;
        clearTouched();
    }

    /**
     * Brings the touched fibers' membership up to date and forgets what was touched.
     *
     * @param runnable whether a fiber (by id) is runnable; asked of touched fibers only
     */
    void apply(IntPredicate runnable) {
        if (touchedCount <= MERGE_ABOVE) {
            for (int k = 0; k < touchedCount; k++) {
                int id = touched[k];
                int at = Arrays.binarySearch(ids, 0, count, id);
                boolean member = runnable.test(id);
                if (member && at < 0) {
                    int to = -at - 1;
                    System.arraycopy(ids, to, ids, to + 1, count - to);
                    ids[to] = id;
                    count++;
                } else if (!member && at >= 0) {
                    System.arraycopy(ids, at + 1, ids, at, count - at - 1);
                    count--;
                }
            }
        } else {
            merge(runnable);
        }
        clearTouched();
    }

    /** The touched fibers sorted, then one merge pass of the set with them into {@link #scratch}. */
    private void merge(IntPredicate runnable) {
        Arrays.sort(touched, 0, touchedCount);
        int n = 0;
        int i = 0;
        for (int k = 0; k < touchedCount; k++) {
            int id = touched[k];
            while (i < count && ids[i] < id) {
                scratch[n++] = ids[i++];
            }
            if (i < count && ids[i] == id) {
                i++; // re-added below if still runnable
            }
            if (runnable.test(id)) {
                scratch[n++] = id;
            }
        }
        int rest = count - i;
        System.arraycopy(ids, i, scratch, n, rest);
        n += rest;
        System.arraycopy(scratch, 0, ids, 0, n);
        count = n;
    }

    private void clearTouched() {
        for (int k = 0; k < touchedCount; k++) {
            isTouched[touched[k]] = false;
        }
        touchedCount = 0;
        all = false;
    }
}
