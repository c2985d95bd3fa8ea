package dev.whopper.sim.strategy;

/** What a strategy may see of the scheduler. */
public interface SchedulerView {
    /** @return the current step number, from 0 */
    long step();

    /** @return simulated time */
    long nowNanos();

    /** @return number of fibers (ids are {@code 0 .. fiberCount-1}) */
    int fiberCount();

    /** @return the fiber that took the previous step, or -1 */
    int lastFiber();

    /** @return the step budget of the run */
    long maxSteps();

    /**
     * @return true when the previous step's fiber ({@link #lastFiber()}) yielded: its step returned an
     *         already finished completion (an explicit {@code Completion.yielded()} or an injected yield).
     *         A view that does not track yields says false.
     */
    default boolean lastStepYielded() {
        return false;
    }

    /**
     * @param fiber a runnable fiber
     * @return its index in the ascending order of the runnable ids (what {@code pick} returns to pick it),
     *         in O(log n)
     * @throws UnsupportedOperationException from a view that keeps no runnable set (the default)
     */
    default int runnableIndex(int fiber) {
        throw new UnsupportedOperationException("this view has no runnable set");
    }

    /**
     * @param fiber a fiber id, or {@link #fiberCount()}
     * @return how many runnable fibers have an id below {@code fiber}, in O(log n)
     * @throws UnsupportedOperationException from a view that keeps no runnable set (the default)
     */
    default int runnableBelow(int fiber) {
        throw new UnsupportedOperationException("this view has no runnable set");
    }
}
