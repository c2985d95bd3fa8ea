package dev.whopper.cli;

import dev.whopper.sim.Doublecheck;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.shrink.Shrinker;
import dev.whopper.sim.trace.DecisionLog;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code whopper run}: one simulated run of a built-in workload. Prints the outcome, counters, the last
 * events of a failure, the repro command line and {@code trace hash: <16 hex digits>}. Exit codes: 0
 * passed, 1 violation / deadlock / liveness failure (or a doublecheck difference), 2 bad arguments,
 * 3 internal error.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run one deterministic simulation and print its outcome and trace hash.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunConfig.Options options = new RunConfig.Options();

    @Option(names = "--doublecheck", description = "Run twice and fail on any trace-hash difference.")
    boolean doublecheck;

    @Option(names = "--shrink", description = "On failure, shrink the run and print the minimal repro.")
    boolean shrink;

    @Option(names = "--shrink-runs", defaultValue = "500", description = "Run budget of --shrink (default: ${DEFAULT-VALUE}).")
    int shrinkRuns;

    @Option(names = "--replay", paramLabel = "LOG", description = "Replay this decision log (text form, as a repro prints it).")
    String replay;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DecisionLog log = replay == null ? null : parseLog();
        Simulation<?> sim = simulation(out);
        long startNanos = System.nanoTime(); // reported only: nothing in the run reads the wall clock
        RunResult result = log == null ? sim.run() : sim.replay(log);
        long wallNanos = Math.max(1, System.nanoTime() - startNanos);
        out.print(result.describe());
        out.println(wallTime(result, wallNanos));
        if (doublecheck) {
            RunResult second = log == null ? sim.run() : sim.replay(log);
            Doublecheck dc = new Doublecheck(result, second);
            if (!dc.identical()) {
                out.println("doublecheck: FAILED: first run " + result.traceHashHex() + " " + result.kind()
                    + ", second run " + second.traceHashHex() + " " + second.kind());
                out.flush();
                return 1;
            }
            out.println("doublecheck: identical (" + result.traceHashHex() + ")");
        }
        if (shrink && result.failed() && result.kind() != Outcome.Kind.INTERNAL_ERROR) {
            Shrinker.Result s = new Shrinker(shrinkRuns).shrink(sim, result);
            out.print(s.describe());
            out.println("minimal trace hash: " + s.minimized().traceHashHex());
        }
        out.flush();
        return exitCode(result.outcome());
    }

    /**
     * @param result    a finished run
     * @param wallNanos how long it took, &gt; 0
     * @return the line {@code wall time: 0.123 s (456,789 steps/s, simulated/wall 1.5)}
     */
    static String wallTime(RunResult result, long wallNanos) {
        double seconds = wallNanos / 1e9;
        long stepsPerSecond = Math.round(result.counters().steps() / seconds);
        double simulatedPerWall = result.counters().timeNanos() / (double) wallNanos;
        return String.format(java.util.Locale.ROOT, "wall time: %.3f s (%,d steps/s, simulated/wall %.1f)", seconds,
            stepsPerSecond, simulatedPerWall);
    }

    /**
     * @param outcome a run's outcome
     * @return its exit code: 0 passed, 1 failure of the code under test, 3 internal error
     */
    public static int exitCode(Outcome outcome) {
        return switch (outcome.kind()) {
            case PASSED -> 0;
            case VIOLATION, DEADLOCK, LIVENESS -> 1;
            case INTERNAL_ERROR -> 3;
        };
    }

    private Simulation<?> simulation(PrintWriter out) {
        positive("--shrink-runs", shrinkRuns);
        boolean drawn = options.seed == null;
        long seed = drawn ? new SecureRandom().nextLong() & Long.MAX_VALUE : options.seed;
        Simulation<?> sim;
        try {
            sim = options.toConfig(seed).simulation();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        if (drawn) {
            out.println("seed: " + seed + " (drawn; pass --seed or SEED to repeat)");
        }
        return sim;
    }

    private DecisionLog parseLog() {
        try {
            return DecisionLog.parse(replay);
        } catch (IllegalArgumentException e) {
            throw bad("--replay: " + e.getMessage());
        }
    }

    private void positive(String name, long value) {
        if (value <= 0) {
            throw bad(name + ": " + value + " (expected: > 0)");
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
