package dev.whopper.sim.strategy;

/**
 * A strategy's steady-state fast path: the picks for a block of coming steps, drawn at once.
 *
 * <p>In steady state every live fiber stays runnable and nothing else happens, so the runnable set is the
 * same for step after step. The scheduler then asks the strategy's block picker for up to {@code size}
 * picks in one call and runs those steps in a tight loop without calling the strategy again (one
 * interface call per block, none per step). The moment anything changes (a fiber blocks, sleeps or
 * finishes, an event is due, work is planned) the scheduler drops the rest of the block; its picks were
 * drawn all the same, which is as deterministic as the change that dropped them.
 *
 * <p>A block's picks need not be the ones {@link Strategy#pick} would return one step at a time (the
 * random strategy draws four 16-bit picks per generator output), but each must be distributed as that
 * strategy means to pick, and the same state must give the same block. A strategy whose pick depends on
 * the step number or on its own picks in a way a block cannot reproduce (PCT, POS, replay) has no block
 * picker. Implementations allocate nothing per call.
 */
public interface BlockPicker {
    /** The most picks a block asks for. */
    int MAX_BLOCK = 256;

    /**
     * Fills the picks for the next steps, the runnable set fixed.
     *
     * @param runnable ids of the runnable fibers, ascending, in {@code runnable[0 .. count-1]}; unchanged
     *                 for every step of the block (contents unspecified when the strategy's
     *                 {@link Strategy#readsRunnable()} is false)
     * @param count    how many, &gt;= 2
     * @param view     the scheduler's state before the block's first step (its {@link SchedulerView#lastFiber()}
     *                 is the fiber that took the step before)
     * @param picks    where the picks go: {@code picks[k]} is the index into {@code runnable} of the fiber
     *                 that takes the block's {@code k}-th step, in {@code [0, count)}
     * @param size     how many picks are wanted: a multiple of 4 in {@code 4 ..} {@value #MAX_BLOCK}
     * @return how many picks were filled, in {@code [1, size]}
     */
    int fill(int[] runnable, int count, SchedulerView view, int[] picks, int size);
}
