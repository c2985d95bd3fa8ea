package dev.whopper.sim.shrink;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.FaultKind;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Fault classes off, one by one: each fault kind with a non-zero rate, then crashes, then yield injection;
 * repeated (up to {@value #ROUNDS} rounds) until nothing more can go, since switching one class off moves
 * the fault stream, and a class that was needed may stop being needed.
 */
final class FaultsOff implements ShrinkPass {
    static final int ROUNDS = 3;

    @Override
    public <S> void shrink(ShrinkState<S> state) {
        boolean changed = true;
        for (int round = 0; changed && round < ROUNDS && state.budgetLeft(); round++) {
            changed = false;
            for (FaultKind k : FaultKind.values()) {
                Simulation<S> cur = state.current();
                if (cur.usesIO() && cur.faults().rate(k) > 0 && state.budgetLeft()) {
                    changed |= off(state, s -> s.withoutFault(k), k.name().toLowerCase(Locale.ROOT) + " off");
                }
            }
            if (state.current().crashes() > 0 && state.budgetLeft()) {
                changed |= off(state, s -> s.withCrashes(0), "crashes off");
            }
            if (state.current().yieldRate() > 0 && state.budgetLeft()) {
                changed |= off(state, s -> s.withYieldRate(0), "yield injection off");
            }
        }
    }

    private static <S> boolean off(ShrinkState<S> state, UnaryOperator<Simulation<S>> without, String change) {
        Simulation<S> cand = without.apply(state.current());
        RunResult r = state.attempt(cand);
        if (r == null) {
            return false;
        }
        state.accept(cand, r, change);
        return true;
    }
}
