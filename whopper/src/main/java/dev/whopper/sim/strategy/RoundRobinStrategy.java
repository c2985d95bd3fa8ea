package dev.whopper.sim.strategy;

/**
 * Round-robin, as Turso's Whopper schedules: the next runnable fiber after the one that ran last, in id
 * order, wrapping around. Uses no randomness: every seed gives the same interleaving.
 */
public final class RoundRobinStrategy implements Strategy {
    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        int last = view.lastFiber();
        for (int i = 0; i < count; i++) {
            if (runnable[i] > last) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public String name() {
        return "rr";
    }
}
