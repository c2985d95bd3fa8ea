package dev.whopper.sim.strategy;

/**
 * Picks the fiber that takes the next step. Called only when at least two fibers are runnable; the pick
 * is recorded by the scheduler, so a strategy draws from its own seeded stream and never needs to log.
 */
public interface Strategy {
    /**
     * One step's pick.
     *
     * @param runnable ids of the runnable fibers, ascending, in {@code runnable[0 .. count-1]}
     * @param count    how many, &gt;= 2
     * @param view     the scheduler's state
     * @return an index into {@code runnable}, in {@code [0, count)}
     */
    int pick(int[] runnable, int count, SchedulerView view);

    /**
     * The strategy's steady-state fast path, asked for once when the scheduler is built.
     *
     * @return what picks a block of steps at a time, or {@code null} (the default) when every step goes
     *         through {@link #pick}
     */
    default BlockPicker blockPicker() {
        return null;
    }

    /** @return the strategy's name as the command line spells it (e.g. {@code "pct:3"}) */
    String name();
}
