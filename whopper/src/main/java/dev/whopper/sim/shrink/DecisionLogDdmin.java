package dev.whopper.sim.shrink;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.trace.DecisionLog;

/**
 * Delta debugging (ddmin) of the decision log: chunks of its non-default choices are replaced by the
 * default choice 0 (the lowest runnable fiber, no yield), in halves, quarters, ...; after each success the
 * log becomes the one the replay recorded, which ends at the (often earlier) failure.
 */
final class DecisionLogDdmin implements ShrinkPass {
    @Override
    public <S> void shrink(ShrinkState<S> state) {
        int[] log = state.best().decisions().toArray();
        int before = nonDefault(log);
        int granularity = 2;
        while (state.budgetLeft()) {
            int[] positions = nonDefaultPositions(log);
            if (positions.length == 0) {
                break;
            }
            granularity = Math.min(granularity, positions.length);
            int chunk = (positions.length + granularity - 1) / granularity;
            boolean reduced = false;
            for (int start = 0; start < positions.length && state.budgetLeft(); start += chunk) {
                int[] cand = log.clone();
                for (int i = start; i < Math.min(positions.length, start + chunk); i++) {
                    cand[positions[i]] = 0;
                }
                RunResult r = state.replay(state.current(), DecisionLog.of(cand));
                if (r != null) {
                    log = r.decisions().toArray();
                    state.accept(state.current(), r, null);
                    granularity = Math.max(granularity - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (granularity >= positions.length) {
                    break;
                }
                granularity = Math.min(positions.length, granularity * 2);
            }
        }
        if (nonDefault(log) < before) {
            state.changes().add("non-default decisions " + before + " -> " + nonDefault(log));
        }
    }

    static int nonDefault(int[] log) {
        int n = 0;
        for (int v : log) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    private static int[] nonDefaultPositions(int[] log) {
        int[] out = new int[nonDefault(log)];
        int k = 0;
        for (int i = 0; i < log.length; i++) {
            if (log[i] != 0) {
                out[k++] = i;
            }
        }
        return out;
    }
}
