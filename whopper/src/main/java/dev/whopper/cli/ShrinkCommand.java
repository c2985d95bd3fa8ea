package dev.whopper.cli;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.shrink.Shrinker;
import dev.whopper.sim.soak.FailureWriter;
import dev.whopper.sim.soak.Repro;
import dev.whopper.sim.trace.DecisionLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code whopper shrink FILE}: minimizes the failing run of a {@code repro.json} (fewer connections, fewer
 * steps, fault classes off, a delta-debugged decision log) while it fails the same way, and writes the minimal
 * repro ({@code repro.json}, {@code decisions.replay}, {@code command.txt}, {@code report.html}, {@code report.txt},
 * {@code trace-tail.txt}). Exit codes: 1 the minimal run fails (as it must), 2 bad arguments or a run that
 * passes, 3 internal error.
 */
@Command(name = "shrink", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Minimize a failing run and write its minimal repro and report.", ""},
    footer = {"", "Examples:",
        "  whopper shrink soak-1/failures/seed-17                  # writes soak-1/failures/seed-17/shrunk/",
        "  whopper shrink repro.json --out minimal --shrink-runs 2000"})
public final class ShrinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A repro.json of a failing run, or a directory holding one.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the minimal repro, new or empty "
        + "(default: shrunk/ next to FILE).")
    Path out;

    @Option(names = "--shrink-runs", defaultValue = "500", description = "Run budget (default: ${DEFAULT-VALUE}).")
    int shrinkRuns;

    @Override
    public Integer call() throws IOException {
        if (shrinkRuns <= 0) {
            throw bad("--shrink-runs: " + shrinkRuns + " (expected: > 0)");
        }
        Repro r;
        try {
            r = ReproFiles.read("shrink", file);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        Path dir = out != null ? out : ReproFiles.file(file).toAbsolutePath().getParent().resolve("shrunk");
        try {
            OutputDirs.requireNewOrEmpty("--out", dir);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        Simulation<?> sim = r.config().simulation().withRecordDecisions(true);
        DecisionLog log = r.log();
        RunResult failing = log == null ? sim.run() : sim.replay(log);
        if (!failing.failed()) {
            throw bad("shrink: the run of " + ReproFiles.file(file) + " passes (trace hash " + failing.traceHashHex()
                + "; expected: a failing run)");
        }
        Shrinker.Result s = new Shrinker(shrinkRuns).shrink(sim, failing);
        String logFile = dir.toAbsolutePath().normalize().resolve("decisions.replay").toString();
        FailureWriter.files(dir, s.simulation().config(), s, logFile, s.minimized());
        FailureWriter.htmlReport(dir, s.simulation().config(), s.simulation(), s, s.simulation().config().commandLine()
            + " --replay " + logFile);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(s.describe(s.simulation().config().commandLine() + " --replay " + logFile));
        pw.println("minimal trace hash: " + s.minimized().traceHashHex());
        pw.println("written: " + dir.resolve("repro.json") + " (whopper replay " + dir + ")");
        pw.flush();
        return RunCommand.exitCode(s.minimized().outcome());
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
