package dev.whopper.cli;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.report.RunReports;
import dev.whopper.sim.trace.DecisionLog;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.soak.Repro;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code whopper replay}: reruns a recorded run exactly, from a {@code repro.json} (a soak failure, or a shrunk
 * one with its decision log) or from {@code --seed} and run options, and checks the trace hash. Exit codes:
 * 0 the run passed, 1 it failed (as recorded), 2 bad arguments, 3 the replay gave another trace hash than the
 * one recorded (a different build, or a determinism bug) or an internal error.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Rerun a recorded run exactly and check it gives the recorded trace hash.", ""},
    footer = {"", "Examples:",
        "  whopper replay soak-1/failures/seed-17                 # its repro.json",
        "  whopper replay soak-1/failures/seed-17/shrunk/repro.json --report minimal.html --trace minimal.jsonl",
        "  whopper replay --seed 17 --workload lost-update        # a seed with run options (as whopper run)"})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A repro.json, or a directory holding one.")
    Path file;

    @Mixin
    RunConfig.Options run = new RunConfig.Options();

    @Option(names = "--report", paramLabel = "FILE", description = "Write the replayed run's HTML report to FILE.")
    Path reportFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the replayed run's JSON report to FILE.")
    Path jsonFile;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write every event of the replayed run to FILE (JSONL).")
    Path traceFile;

    private static final java.util.Set<String> OUTPUT_OPTIONS = java.util.Set.of("--report", "--json", "--trace");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (file == null) {
            return bySeed(out);
        }
        if (spec.commandLine().getParseResult().matchedOptions().stream().anyMatch(o -> !OUTPUT_OPTIONS.contains(o.longestName()))) {
            throw bad("replay: FILE holds the run's options (expected: FILE alone, or --seed N with run options, not both)");
        }
        Repro r;
        try {
            r = ReproFiles.read("replay", file);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        RunResult result = watched(out, r.config(), r.log(), r.command());
        if (result.replayMisfit() != null) {
            out.flush();
            spec.commandLine().getErr().println("whopper: replay: the decision log of " + ReproFiles.file(file)
                + " does not fit its run: " + result.replayMisfit());
            return 2;
        }
        if (!result.traceHashHex().equals(r.outcome().traceHash())) {
            out.println("replay: DIFFERENT trace hash: recorded " + r.outcome().traceHash() + " (" + r.outcome().kind() + ", by "
                + r.whopper() + "), now " + result.traceHashHex() + " (" + result.kind() + ")");
            out.flush();
            return 3;
        }
        out.println("replay: reproduced: same trace hash " + result.traceHashHex() + " and outcome " + result.kind()
            + " as recorded");
        out.flush();
        return RunCommand.exitCode(result.outcome());
    }

    private int bySeed(PrintWriter out) {
        RunConfig config;
        try {
            Long seed = run.seed();
            if (seed == null) {
                throw new IllegalArgumentException("replay: no FILE and no seed (expected: whopper replay FILE, or --seed N "
                    + "(or SEED) with the run's options)");
            }
            config = run.toConfig(seed);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        RunResult result = watched(out, config, null, config.commandLine());
        out.flush();
        return RunCommand.exitCode(result.outcome());
    }

    /** Runs (or replays) the configuration, watched for the report files asked for, prints it and writes them. */
    private RunResult watched(PrintWriter out, RunConfig config, DecisionLog log, String repro) {
        Outputs outputs = Outputs.open(reportFile, jsonFile, traceFile, null, 1, this::bad);
        Simulation<?> sim = config.simulation();
        RunResult result;
        long t0 = System.nanoTime();
        try (outputs) {
            result = (log == null ? sim.run(outputs.observation()) : sim.replay(log, outputs.observation())).withRepro(repro);
        }
        long wallNanos = System.nanoTime() - t0;
        out.print(result.describe());
        outputs.write(RunReports.of(result, config, outputs.lastEvents(), wallNanos), out);
        return result;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
