package dev.whopper.sim.strategy;

/**
 * Round-robin, as Turso's Whopper schedules: the next runnable fiber after the one that ran last, in id
 * order, wrapping around. Uses no randomness: every seed gives the same interleaving. Its block picker
 * cycles through the fixed runnable set: exactly the picks of one step at a time.
 */
public final class RoundRobinStrategy implements Strategy, BlockPicker {
    /** Told of the runnable set by a scheduler ({@link #runnableChanged}): picks ask the view, not the array. */
    private boolean told;

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        return told ? after(count, view) : after(runnable, count, view.lastFiber(), view.fiberCount());
    }

    /**
     * The round-robin pick from the view's runnable set: the runnable fibers up to the last one are the index
     * of the first after it (O(log n), no array read).
     */
    private static int after(int count, SchedulerView view) {
        int upToLast = view.runnableBelow(view.lastFiber() + 1);
        return upToLast == count ? 0 : upToLast;
    }

    /** @return false: told of the runnable set by the scheduler, a pick asks the view, never the array */
    @Override
    public boolean readsRunnable() {
        return false;
    }

    /** @return true: being told is how it knows the view can answer {@link SchedulerView#runnableBelow} */
    @Override
    public boolean observesRunnable() {
        return true;
    }

    @Override
    public void runnableChanged(int fiber, boolean runnable) {
        told = true;
    }

    /** @return this strategy: its blocks are its picks in cycle */
    @Override
    public BlockPicker blockPicker() {
        return this;
    }

    @Override
    public int fill(int[] runnable, int count, SchedulerView view, int[] picks, int size) {
        // The same picks as one at a time: the runnable set is fixed, so they cycle through it in order.
        int index = told ? after(count, view) : after(runnable, count, view.lastFiber(), view.fiberCount());
        for (int k = 0; k < size; k++) {
            picks[k] = index;
            index = index + 1 == count ? 0 : index + 1;
        }
        return size;
    }

    /**
     * The round-robin pick, allocation-free.
     *
     * @param runnable   ids of the runnable fibers, ascending, distinct, in {@code [0, fiberCount)}
     * @param count      how many, &gt;= 1
     * @param last       the fiber that ran last, or -1
     * @param fiberCount number of fibers
     * @return the index of the first runnable fiber after {@code last}, wrapping around to 0
     */
    public static int after(int[] runnable, int count, int last, int fiberCount) {
        if (runnable[count - 1] <= last) {
            return 0; // wrap around
        }
        if (count == fiberCount) {
            return last + 1; // every fiber runnable: runnable[i] == i
        }
        int lo = 0;
        int hi = count - 1; // runnable[hi] > last: find the first such index (ids are ascending)
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runnable[mid] > last) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    @Override
    public String name() {
        return "rr";
    }
}
