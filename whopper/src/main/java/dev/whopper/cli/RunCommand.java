package dev.whopper.cli;

import dev.whopper.sim.Doublecheck;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.shrink.Shrinker;
import dev.whopper.reports.model.RunReport;
import dev.whopper.reports.render.ConsoleReport;
import dev.whopper.sim.report.RunReports;
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
    description = "Run one deterministic simulation and print its outcome and trace hash.",
    footer = {"", "Examples:",
        "  whopper run --seed 7                                     # the default bank run",
        "  whopper run --seed 7 --workload bank --faults chaos --crashes 2 --strategy pct:3",
        "  whopper run --workload lost-update --shrink              # find, then minimize a failure",
        "  whopper run --seed 7 --doublecheck                       # run twice, fail on any difference"})
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

    @Option(names = "--replay", paramLabel = "FILE",
        description = "Replay the decision log in FILE (as --shrink writes it) with the original run's options.")
    java.nio.file.Path replay;

    @Option(names = "--replay-dir", paramLabel = "DIR", defaultValue = "whopper-replays",
        description = "Where --shrink writes the minimal run's decision log (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path replayDir;

    @Option(names = "--report", paramLabel = "FILE",
        description = "Write the run's report as one self-contained HTML page to FILE (does not change the run).")
    java.nio.file.Path reportFile;

    @Option(names = "--json", paramLabel = "FILE",
        description = "Write the run's report as JSON to FILE (schema: docs/reports.md; does not change the run).")
    java.nio.file.Path jsonFile;

    @Option(names = "--trace", paramLabel = "FILE",
        description = "Write every event of the run with its value to FILE, one JSON object a line (does not change the run).")
    java.nio.file.Path traceFile;

    @Option(names = "--latency-log", paramLabel = "FILE",
        description = "Write an HdrHistogram interval log of operation latencies (simulated us) to FILE.")
    java.nio.file.Path latencyLogFile;

    @Option(names = "--latency-log-interval-nanos", defaultValue = "1000000000",
        description = "Interval of --latency-log in simulated nanoseconds (default: ${DEFAULT-VALUE}).")
    long latencyLogIntervalNanos;

    @Override
    public Integer call() {
        try {
            return runs();
        } catch (OutOfMemoryError e) {
            // Not a bug found (exit 1) and not a bug of the tool: the run does not fit in this JVM's heap.
            spec.commandLine().getErr().println("whopper: out of memory (" + e.getMessage() + "): the run does not fit "
                + "in this JVM's heap (hint: fewer --connections, or a bigger heap: java -Xmx4g -jar whopper.jar ...)");
            return 3;
        }
    }

    private int runs() {
        PrintWriter out = spec.commandLine().getOut();
        DecisionLog log = replay == null ? null : parseLog();
        positive("--latency-log-interval-nanos", latencyLogIntervalNanos);
        Simulation<?> sim = simulation(out);
        Outputs outputs = Outputs.open(reportFile, jsonFile, traceFile, latencyLogFile, latencyLogIntervalNanos, this::bad);
        long startNanos = System.nanoTime(); // reported only: nothing in the run reads the wall clock
        RunResult result;
        try (outputs) {
            result = log == null ? sim.run(outputs.observation())
                : sim.replay(log, outputs.observation()).withRepro(sim.config().commandLine() + " --replay " + replay);
        }
        long wallNanos = Math.max(1, System.nanoTime() - startNanos);
        RunReport report = RunReports.of(result, sim.config(), outputs.lastEvents(), wallNanos);
        out.print(ConsoleReport.render(report));
        out.println(wallTime(result, wallNanos));
        if (result.replayMisfit() != null) {
            out.flush();
            spec.commandLine().getErr().println("whopper: --replay: " + replay + " does not fit this run: "
                + result.replayMisfit() + " (expected: the decision log of a run with these options)");
            return 2;
        }
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
            java.nio.file.Path file = writeLog(s);
            String minimal = s.simulation().config().commandLine() + " --replay " + file;
            out.print(s.describe(minimal));
            out.println("minimal trace hash: " + s.minimized().traceHashHex());
            report = RunReports.shrunk(report, s, minimal);
        }
        outputs.write(report, out);
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
            case VIOLATION, DEADLOCK, LIVENESS, INCOMPLETE -> 1;
            case INTERNAL_ERROR -> 3;
        };
    }

    private Simulation<?> simulation(PrintWriter out) {
        positive("--shrink-runs", shrinkRuns);
        Long given;
        try {
            given = options.seed();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        boolean drawn = given == null;
        long seed = drawn ? new SecureRandom().nextLong() & Long.MAX_VALUE : given;
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
        if (!java.nio.file.Files.isRegularFile(replay)) {
            throw bad("--replay: no such file: " + replay + " (expected: a file holding a decision log, as --shrink writes it)");
        }
        String text;
        try {
            text = java.nio.file.Files.readString(replay).strip();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw bad("--replay: cannot read " + replay + ": " + e.getMessage());
        }
        try {
            return DecisionLog.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad("--replay: " + replay + ": " + e.getMessage());
        }
    }

    /** Writes the minimal run's decision log (to a temporary name, then renamed: never half a file). */
    private java.nio.file.Path writeLog(Shrinker.Result s) {
        java.nio.file.Path file = replayDir.resolve("seed-" + s.simulation().seed() + "-" + s.minimized().traceHashHex() + ".replay");
        try {
            java.nio.file.Files.createDirectories(replayDir);
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile(replayDir, ".replay-", ".tmp");
            java.nio.file.Files.writeString(tmp, s.log().toText() + "\n");
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the minimal decision log to " + file, e);
        }
        return file;
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
