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
     * Whether {@link #pick} (and its {@link #blockPicker}'s {@code fill}) reads the ids in its {@code runnable}
     * array. A strategy that answers {@code false}
     * promises that its picks depend on {@code count} and its own state only, never on the array's contents:
     * the scheduler may then pass an array whose contents are unspecified, and keeps the runnable set in a
     * form whose change is O(log n) instead of a sorted array (the index picked still maps to the id the
     * ascending array holds there, so picks and trace hashes do not depend on the form).
     *
     * @return {@code true} (the default) when {@link #pick} reads {@code runnable}
     */
    default boolean readsRunnable() {
        return true;
    }

    /**
     * Whether the strategy keeps its own view of the runnable set from {@link #runnableChanged} calls (so
     * that a pick need not scan the set, and can answer an id turned into its index by {@link
     * SchedulerView#runnableIndex}).
     *
     * @return {@code true} when the scheduler is to call {@link #runnableChanged}; {@code false} (the default)
     */
    default boolean observesRunnable() {
        return false;
    }

    /**
     * A fiber joined ({@code runnable} true) or left the runnable set, told before the next pick when {@link
     * #observesRunnable()}; a rebuild of the set tells every fiber, changed or not. The default does nothing.
     *
     * @param fiber    the fiber
     * @param runnable whether it is runnable now
     */
    default void runnableChanged(int fiber, boolean runnable) {
    }

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
