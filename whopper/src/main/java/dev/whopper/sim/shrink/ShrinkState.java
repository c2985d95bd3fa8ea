package dev.whopper.sim.shrink;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * One shrink in progress: the smallest simulation and run found so far that still fail the same way, the
 * run budget, and the changes made. Every pass tries candidates through {@link #replay}, {@link #fresh} or
 * {@link #attempt} and keeps one with {@link #accept}: the one place a candidate becomes the current best.
 *
 * @param <S> the world type
 */
final class ShrinkState<S> {
    private final String key;
    private final int maxRuns;
    private final long originalMaxSteps;
    private final List<String> changes = new ArrayList<>();
    private Simulation<S> current;
    private RunResult best;
    private int runs;

    ShrinkState(Simulation<S> sim, RunResult failing, int maxRuns) {
        this.key = failing.outcome().failureKey();
        this.maxRuns = maxRuns;
        this.originalMaxSteps = sim.maxSteps();
        // The default fault window is measured against the step budget: fixed before passes cut the budget.
        this.current = sim.withSeed(failing.seed()).withFaultWindowResolved();
        this.best = failing;
    }

    /** @return the smallest failing simulation so far */
    Simulation<S> current() {
        return current;
    }

    /** @return its failing run */
    RunResult best() {
        return best;
    }

    /** @return the step budget of the simulation shrinking started from */
    long originalMaxSteps() {
        return originalMaxSteps;
    }

    /** @return true while runs are left in the budget */
    boolean budgetLeft() {
        return runs < maxRuns;
    }

    /** @return simulation runs spent so far */
    int runs() {
        return runs;
    }

    /** @return the changes kept, in order */
    List<String> changes() {
        return changes;
    }

    /** @return the failure every candidate must keep ({@link dev.whopper.sim.Outcome#failureKey()}) */
    String key() {
        return key;
    }

    /** @return the candidate's replay of the best run's decisions, if it fails the same way, else null */
    RunResult replay(Simulation<S> candidate) {
        return replay(candidate, best.decisions());
    }

    /** @return the candidate's replay of {@code log}, if it fails the same way, else null */
    RunResult replay(Simulation<S> candidate, dev.whopper.sim.trace.DecisionLog log) {
        runs++;
        return same(candidate.replay(log));
    }

    /** @return a fresh run of the candidate (its own decisions), if it fails the same way, else null */
    RunResult fresh(Simulation<S> candidate) {
        runs++;
        return same(candidate.run());
    }

    /**
     * Replays the best run's decisions under the candidate, and when that no longer fails, runs it afresh
     * with room for at least four times the best run's steps (a candidate without a fault class draws other
     * faults, so the old decisions may not fit it).
     *
     * @return the failing run, or null
     */
    RunResult attempt(Simulation<S> candidate) {
        RunResult r = replay(candidate);
        if (r != null || !budgetLeft()) {
            return r;
        }
        return fresh(candidate.withMaxSteps(Math.max(candidate.maxSteps(), best.counters().steps() * 4 + 16)));
    }

    /**
     * The candidate becomes the current best; its step budget is cut to the failing step.
     *
     * @param candidate the simulation that failed
     * @param run       its failing run
     * @param change    what changed, for the report ({@code null}: nothing worth naming)
     */
    void accept(Simulation<S> candidate, RunResult run, String change) {
        current = candidate.withMaxSteps(run.counters().steps() + 1);
        best = run;
        if (change != null) {
            changes.add(change);
        }
    }

    private RunResult same(RunResult r) {
        return r.failed() && r.outcome().failureKey().equals(key) && r.decisions() != null ? r : null;
    }
}
