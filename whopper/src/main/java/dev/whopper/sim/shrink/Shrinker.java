package dev.whopper.sim.shrink;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.trace.DecisionLog;
import java.util.List;
import java.util.Objects;

/**
 * Minimizes a failing run while it still fails the same way ({@link dev.whopper.sim.Outcome#failureKey()}).
 * Passes (one class each), each keeping only changes that still fail:
 * <ol>
 *   <li>cut the run at its failing step (the step budget becomes the failing step + 1);</li>
 *   <li>fewer fibers: 1, 2, ... up to one less than now, each first replaying the current decision log,
 *       then with {@value #SEEDS_PER_FIBER_COUNT} seeds starting at the current one;</li>
 *   <li>fault classes off one by one: each fault kind with a non-zero rate, crashes, yield injection
 *       (replaying the current decision log first, then a fresh run);</li>
 *   <li>delta debugging (ddmin) of the decision log: chunks of its non-default choices are replaced by
 *       the default choice 0 (the lowest runnable fiber, no yield), in halves, quarters, ...; after each
 *       success the log becomes the one the replay recorded, which ends at the (often earlier) failure.</li>
 * </ol>
 * The minimized run is replayed once more at the end to confirm it fails the same way. Every run is
 * deterministic, so shrinking is too.
 */
public final class Shrinker {
    /** Seeds tried per fiber count. */
    public static final int SEEDS_PER_FIBER_COUNT = FewerFibers.SEEDS_PER_FIBER_COUNT;

    /** The passes, in the order they run. */
    private static final List<ShrinkPass> PASSES = List.of(new CutAtFailure(), new FewerFibers(), new FaultsOff(),
        new DecisionLogDdmin());

    private final int maxRuns;

    /** @param maxRuns budget of simulation runs, &gt; 0 */
    public Shrinker(int maxRuns) {
        if (maxRuns <= 0) {
            throw new IllegalArgumentException("maxRuns: " + maxRuns + " (expected: > 0)");
        }
        this.maxRuns = maxRuns;
    }

    /**
     * The outcome of shrinking.
     *
     * @param original     the failing run given
     * @param minimized    the minimized run (a replay of {@code log} under {@code simulation})
     * @param simulation   the minimized simulation (seed, fibers, faults, step budget)
     * @param log          the minimized decision log
     * @param runs         simulation runs spent
     * @param fibersBefore fibers before
     * @param fibersAfter  fibers after
     * @param stepsBefore  steps of the original run
     * @param stepsAfter   steps of the minimized run
     * @param logBefore    decisions in the original log
     * @param logAfter     decisions in the minimized log
     * @param changes      what was changed, in order
     */
    public record Result(RunResult original, RunResult minimized, Simulation<?> simulation, DecisionLog log, int runs,
                         int fibersBefore, int fibersAfter, long stepsBefore, long stepsAfter, int logBefore,
                         int logAfter, List<String> changes) {
        public Result {
            changes = List.copyOf(changes);
        }

        /** @return the command line that replays the minimized failure */
        public String repro() {
            return simulation.repro(log);
        }

        /** @return a short report: sizes before and after, changes, repro */
        public String describe() {
            return describe(repro());
        }

        /**
         * @param repro how to rerun the minimal failure (e.g. a command line naming a decision-log file)
         * @return a short report: sizes before and after, changes, that repro
         */
        public String describe(String repro) {
            return "shrunk in " + runs + " runs: fibers " + fibersBefore + " -> " + fibersAfter + ", steps " + stepsBefore
                + " -> " + stepsAfter + ", decisions " + logBefore + " -> " + logAfter + "\n"
                + "changes: " + (changes.isEmpty() ? "none" : String.join("; ", changes)) + "\n"
                + "minimal repro: " + repro + "\n";
        }
    }

    /**
     * @param sim     the simulation the failing run came from (any seed: the run's seed is used)
     * @param failing a failing run with a decision log
     * @param <S>     the world type
     * @return the minimized failure; each call has the whole run budget
     */
    public <S> Result shrink(Simulation<S> sim, RunResult failing) {
        Objects.requireNonNull(sim, "sim");
        if (!failing.failed()) {
            throw new IllegalArgumentException("failing: the run passed (expected: a failing run)");
        }
        if (failing.decisions() == null) {
            throw new IllegalArgumentException("failing: no decision log (expected: recordDecisions(true))");
        }
        ShrinkState<S> state = new ShrinkState<>(sim, failing, maxRuns);
        for (ShrinkPass pass : PASSES) {
            if (!state.budgetLeft()) {
                break;
            }
            pass.shrink(state);
        }
        DecisionLog finalLog = DecisionLog.of(state.best().decisions().toArray());
        RunResult confirm = state.replay(state.current(), finalLog);
        if (confirm == null) {
            throw new IllegalStateException("minimized run does not replay to the same failure: expected " + state.key());
        }
        return new Result(failing, confirm, state.current(), finalLog, state.runs(), sim.fibers(), state.current().fibers(),
            failing.counters().steps(), confirm.counters().steps(), failing.decisions().size(), finalLog.size(),
            state.changes());
    }
}
