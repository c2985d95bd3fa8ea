package dev.whopper.sim.shrink;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;

/**
 * Fewer fibers: the workload's minimum, one more, ... up to one less than now; each count first replays the current decisions, then
 * tries {@value #SEEDS_PER_FIBER_COUNT} seeds from the current one. The first count that fails is kept.
 */
final class FewerFibers implements ShrinkPass {
    /** Seeds tried per fiber count. */
    static final int SEEDS_PER_FIBER_COUNT = 8;

    @Override
    public <S> void shrink(ShrinkState<S> state) {
        Simulation<S> cur = state.current();
        for (int n = cur.minFibers(); n < cur.fibers() && state.budgetLeft(); n++) {
            Simulation<S> same = cur.withFibers(n).withMaxSteps(state.originalMaxSteps());
            RunResult r = state.replay(same);
            if (r != null) {
                state.accept(same, r, "fibers " + cur.fibers() + " -> " + n);
                return;
            }
            for (int s = 0; s < SEEDS_PER_FIBER_COUNT && state.budgetLeft(); s++) {
                Simulation<S> cand = cur.withFibers(n).withSeed(cur.seed() + s).withMaxSteps(state.originalMaxSteps());
                r = state.fresh(cand);
                if (r != null) {
                    state.accept(cand, r, "fibers " + cur.fibers() + " -> " + n + (s == 0 ? "" : " (seed " + cand.seed() + ")"));
                    return;
                }
            }
        }
    }
}
