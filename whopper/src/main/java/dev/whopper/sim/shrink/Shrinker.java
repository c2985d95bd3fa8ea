package dev.whopper.sim.shrink;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.trace.DecisionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Minimizes a failing run while it still fails the same way ({@link dev.whopper.sim.Outcome#failureKey()}).
 * Passes, each keeping only changes that still fail:
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
    public static final int SEEDS_PER_FIBER_COUNT = 8;

    private final int maxRuns;
    private int runs;

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
            return "shrunk in " + runs + " runs: fibers " + fibersBefore + " -> " + fibersAfter + ", steps " + stepsBefore
                + " -> " + stepsAfter + ", decisions " + logBefore + " -> " + logAfter + "\n"
                + "changes: " + (changes.isEmpty() ? "none" : String.join("; ", changes)) + "\n"
                + "minimal repro: " + repro() + "\n";
        }
    }

    /**
     * @param sim     the simulation the failing run came from (any seed: the run's seed is used)
     * @param failing a failing run with a decision log
     * @param <S>     the world type
     * @return the minimized failure
     */
    public <S> Result shrink(Simulation<S> sim, RunResult failing) {
        Objects.requireNonNull(sim, "sim");
        if (!failing.failed()) {
            throw new IllegalArgumentException("failing: the run passed (expected: a failing run)");
        }
        if (failing.decisions() == null) {
            throw new IllegalArgumentException("failing: no decision log (expected: recordDecisions(true))");
        }
        String key = failing.outcome().failureKey();
        List<String> changes = new ArrayList<>();
        Simulation<S> cur = sim.withSeed(failing.seed());
        RunResult best = failing;

        // 1. Cut at the failing step.
        Simulation<S> cut = cur.withMaxSteps(best.counters().steps() + 1);
        RunResult r = cut.replay(best.decisions());
        runs++;
        if (same(r, key)) {
            if (cut.maxSteps() < cur.maxSteps()) {
                changes.add("steps " + cur.maxSteps() + " -> " + cut.maxSteps());
            }
            cur = cut;
            best = r;
        }

        // 2. Fewer fibers.
        fibers:
        for (int n = 1; n < cur.fibers() && runs < maxRuns; n++) {
            Simulation<S> same = cur.withFibers(n).withMaxSteps(sim.maxSteps());
            r = same.replay(best.decisions());
            runs++;
            if (same(r, key)) {
                changes.add("fibers " + cur.fibers() + " -> " + n);
                cur = same.withMaxSteps(r.counters().steps() + 1);
                best = r;
                break;
            }
            for (int s = 0; s < SEEDS_PER_FIBER_COUNT && runs < maxRuns; s++) {
                Simulation<S> cand = cur.withFibers(n).withSeed(cur.seed() + s).withMaxSteps(sim.maxSteps());
                r = cand.run();
                runs++;
                if (same(r, key)) {
                    changes.add("fibers " + cur.fibers() + " -> " + n + (s == 0 ? "" : " (seed " + cand.seed() + ")"));
                    cur = cand.withMaxSteps(r.counters().steps() + 1);
                    best = r;
                    break fibers;
                }
            }
        }

        // 3. Fault classes off, one by one, repeated until nothing more can go (switching one off moves the
        //    fault stream, so a class that was needed may stop being needed).
        boolean changed = true;
        for (int pass = 0; changed && pass < 3 && runs < maxRuns; pass++) {
            changed = false;
            for (FaultKind k : FaultKind.values()) {
                if (cur.usesIO() && cur.faults().rate(k) > 0 && runs < maxRuns) {
                    Simulation<S> cand = cur.withoutFault(k);
                    RunResult got = tryBoth(cand, best, key);
                    if (got != null) {
                        changes.add(k.name().toLowerCase(java.util.Locale.ROOT) + " off");
                        cur = cand.withMaxSteps(got.counters().steps() + 1);
                        best = got;
                        changed = true;
                    }
                }
            }
            if (cur.crashes() > 0 && runs < maxRuns) {
                Simulation<S> cand = cur.withCrashes(0);
                RunResult got = tryBoth(cand, best, key);
                if (got != null) {
                    changes.add("crashes off");
                    cur = cand.withMaxSteps(got.counters().steps() + 1);
                    best = got;
                    changed = true;
                }
            }
            if (cur.yieldRate() > 0 && runs < maxRuns) {
                Simulation<S> cand = cur.withYieldRate(0);
                RunResult got = tryBoth(cand, best, key);
                if (got != null) {
                    changes.add("yield injection off");
                    cur = cand.withMaxSteps(got.counters().steps() + 1);
                    best = got;
                    changed = true;
                }
            }
        }

        // 4. ddmin of the decision log towards the default choice.
        int[] log = best.decisions().toArray();
        int granularity = 2;
        int before = nonDefault(log);
        while (runs < maxRuns) {
            int[] positions = nonDefaultPositions(log);
            if (positions.length == 0) {
                break;
            }
            granularity = Math.min(granularity, positions.length);
            int chunk = (positions.length + granularity - 1) / granularity;
            boolean reduced = false;
            for (int start = 0; start < positions.length && runs < maxRuns; start += chunk) {
                int[] cand = log.clone();
                for (int i = start; i < Math.min(positions.length, start + chunk); i++) {
                    cand[positions[i]] = 0;
                }
                r = cur.replay(DecisionLog.of(cand));
                runs++;
                if (same(r, key)) {
                    log = r.decisions().toArray();
                    best = r;
                    cur = cur.withMaxSteps(r.counters().steps() + 1);
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
            changes.add("non-default decisions " + before + " -> " + nonDefault(log));
        }

        DecisionLog finalLog = DecisionLog.of(log);
        RunResult confirm = cur.replay(finalLog);
        runs++;
        if (!same(confirm, key)) {
            throw new IllegalStateException("minimized run does not replay to the same failure: expected " + key
                + ", got " + confirm.outcome().failureKey());
        }
        return new Result(failing, confirm, cur, finalLog, runs, sim.fibers(), cur.fibers(), failing.counters().steps(),
            confirm.counters().steps(), failing.decisions().size(), finalLog.size(), changes);
    }

    private <S> RunResult tryBoth(Simulation<S> cand, RunResult best, String key) {
        RunResult r = cand.replay(best.decisions());
        runs++;
        if (same(r, key)) {
            return r;
        }
        if (runs >= maxRuns) {
            return null;
        }
        r = cand.withMaxSteps(Math.max(cand.maxSteps(), best.counters().steps() * 4 + 16)).run();
        runs++;
        return same(r, key) ? r : null;
    }

    private static boolean same(RunResult r, String key) {
        return r.failed() && r.outcome().failureKey().equals(key) && r.decisions() != null;
    }

    private static int nonDefault(int[] log) {
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
