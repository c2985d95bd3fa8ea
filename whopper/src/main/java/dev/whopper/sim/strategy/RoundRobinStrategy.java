package dev.whopper.sim.strategy;

/**
 * Round-robin, as Turso's Whopper schedules: the next runnable fiber after the one that ran last, in id
 * order, wrapping around. Uses no randomness: every seed gives the same interleaving.
 */
public final class RoundRobinStrategy implements Strategy {
    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        int last = view.lastFiber();
        if (runnable[count - 1] <= last) {
            return 0; // wrap around
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
