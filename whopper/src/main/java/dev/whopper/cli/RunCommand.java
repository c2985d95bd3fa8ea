package dev.whopper.cli;

import dev.whopper.sim.Doublecheck;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.shrink.Shrinker;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.sim.trace.DecisionLog;
import dev.whopper.workloads.registry.WorkloadRegistry;
import dev.whopper.workloads.spi.Workload;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--seed", defaultValue = "${env:SEED}",
        description = "Root seed (default: the SEED environment variable, else a random seed that is printed).")
    Long seed;

    @Option(names = "--connections", defaultValue = "8", description = "Simulated connections (fibers) (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--steps", defaultValue = "100000", description = "Step budget (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--strategy", defaultValue = "random",
        description = "random, rr, pct, pct:D, pos or swarm (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--workload", defaultValue = "bank",
        description = "Built-in workload: bank (the engine), its broken twins bank-non-atomic and bank-early-ack, "
            + "a race kernel or its -fixed twin, or disk-echo (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--yield-rate", defaultValue = "0.1", description = "Yield-injection rate in [0, 1] (default: ${DEFAULT-VALUE}).")
    double yieldRate;

    @Option(names = "--yield-cap", defaultValue = "4", description = "Injected yields per operation at most (default: ${DEFAULT-VALUE}).")
    int yieldCap;

    @Option(names = "--step-cost-nanos", defaultValue = "1000", description = "Simulated CPU time per step (default: ${DEFAULT-VALUE}).")
    long stepCostNanos;

    @Option(names = "--doublecheck", description = "Run twice and fail on any trace-hash difference.")
    boolean doublecheck;

    @Option(names = "--faults", paramLabel = "MODE",
        description = "Simulated-disk fault mode: none, fast, chaos, ragnarok, recovery-heavy (default: the workload's).")
    String faults;

    @Option(names = "--faults-off", paramLabel = "KIND[,KIND...]", split = ",",
        description = "Fault kinds to switch off, e.g. bit-flip,latency-spike.")
    List<String> faultsOff = new ArrayList<>();

    @Option(names = "--fault-window-nanos", description = "Faults stop at this simulated time (default: never).")
    Long faultWindowNanos;

    @Option(names = "--crashes", defaultValue = "0", description = "Crashes per run, for workloads with crash recovery (default: ${DEFAULT-VALUE}).")
    int crashes;

    @Option(names = "--crash-window-steps", defaultValue = "1000",
        description = "Crashes happen at steps drawn from [1, this) (default: ${DEFAULT-VALUE}).")
    long crashWindowSteps;

    @Option(names = "--liveness-timeout-nanos", defaultValue = "0",
        description = "An operation running longer than this after faults stop is a liveness failure; 0: off (default: ${DEFAULT-VALUE}).")
    long livenessTimeoutNanos;

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
        positive("--connections", connections);
        if (steps <= 0) {
            throw bad("--steps: " + steps + " (expected: > 0)");
        }
        if (!(yieldRate >= 0 && yieldRate <= 1)) {
            throw bad("--yield-rate: " + yieldRate + " (expected: in [0, 1])");
        }
        if (yieldCap < 0) {
            throw bad("--yield-cap: " + yieldCap + " (expected: >= 0)");
        }
        if (stepCostNanos < 0) {
            throw bad("--step-cost-nanos: " + stepCostNanos + " (expected: >= 0)");
        }
        StrategySpec strategySpec;
        try {
            strategySpec = StrategySpec.parse(strategy);
        } catch (IllegalArgumentException e) {
            throw bad("--strategy: " + e.getMessage());
        }
        if (strategySpec.kind() == StrategySpec.Kind.REPLAY) {
            throw bad("--strategy: replay (expected: use --replay LOG with the original strategy)");
        }
        Workload<?> chosen;
        try {
            chosen = WorkloadRegistry.byName(workload);
        } catch (IllegalArgumentException e) {
            throw bad("--workload: " + e.getMessage());
        }
        if (connections < chosen.minConnections()) {
            throw bad("--connections: " + connections + " (expected: >= " + chosen.minConnections()
                + " for workload " + workload + ")");
        }
        positive("--shrink-runs", shrinkRuns);
        if (livenessTimeoutNanos < 0) {
            throw bad("--liveness-timeout-nanos: " + livenessTimeoutNanos + " (expected: >= 0)");
        }
        if (faultWindowNanos != null) {
            positive("--fault-window-nanos", faultWindowNanos);
        }
        positive("--crash-window-steps", crashWindowSteps);
        if (crashes < 0) {
            throw bad("--crashes: " + crashes + " (expected: >= 0)");
        }
        List<FaultKind> off = new ArrayList<>();
        for (String k : faultsOff) {
            off.add(faultKind(k));
        }
        Simulation.Builder<?> builder = Simulation.builder(chosen, connections);
        if (faults != null) {
            try {
                Simulation.faultMode(faults);
            } catch (IllegalArgumentException e) {
                throw bad("--faults: " + e.getMessage());
            }
            builder.faults(faults);
        }
        builder.faultsOff(off.toArray(new FaultKind[0])).livenessTimeoutNanos(livenessTimeoutNanos)
            .crashWindowSteps(crashWindowSteps);
        if (faultWindowNanos != null) {
            builder.faultWindowNanos(faultWindowNanos);
        }
        boolean drawn = seed == null;
        if (drawn) {
            seed = new SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        Simulation<?> sim = builder.seed(seed).strategy(strategySpec).maxSteps(steps).yieldRate(yieldRate)
            .yieldCapPerOp(yieldCap).stepCostNanos(stepCostNanos).build();
        if (crashes > 0) {
            try {
                sim = sim.withCrashes(crashes);
            } catch (IllegalArgumentException e) {
                throw bad("--crashes: " + crashes + " (expected: 0 for workload " + workload + ": it has no crash recovery)");
            }
        }
        if (drawn) {
            out.println("seed: " + seed + " (drawn; pass --seed or SEED to repeat)");
        }
        return sim;
    }

    private FaultKind faultKind(String name) {
        String n = name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (FaultKind k : FaultKind.values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        List<String> names = new ArrayList<>();
        for (FaultKind k : FaultKind.values()) {
            names.add(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        throw bad("--faults-off: " + name + " (expected: one of " + String.join(", ", names) + ")");
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
