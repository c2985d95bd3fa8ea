package dev.whopper.sim.shrink;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;

/** The run is cut at its failing step: the step budget becomes the failing step + 1. */
final class CutAtFailure implements ShrinkPass {
    @Override
    public <S> void shrink(ShrinkState<S> state) {
        Simulation<S> cur = state.current();
        Simulation<S> cut = cur.withMaxSteps(state.best().counters().steps() + 1);
        RunResult r = state.replay(cut);
        if (r != null) {
            state.accept(cut, r, cut.maxSteps() < cur.maxSteps() ? "steps " + cur.maxSteps() + " -> " + cut.maxSteps() : null);
        }
    }
}
