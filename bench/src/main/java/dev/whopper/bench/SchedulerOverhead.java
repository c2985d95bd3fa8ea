package dev.whopper.bench;

import dev.whopper.sim.sched.Scheduler;
import dev.whopper.sim.strategy.StrategySpec;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The scheduler's overhead against the bare loop as a <em>paired</em> measurement, for machines whose
 * speed drifts (a shared VM here drifts by up to 2x within minutes, so two JMH benchmarks run a minute
 * apart can disagree by more than the overhead being measured). The same loops as {@link SchedulerBench}
 * run in one JVM, in short time slices taken in turn (the order rotates each round); each round gives
 * each variant's ratio to the bare loop's slice of that same round, and the report shows the median of
 * those ratios and their range. Drift slower than a round cancels out of every ratio.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.whopper.bench.SchedulerOverhead}. JMH's
 * {@code SchedulerBench} stays the source of the absolute figures and of the allocation check.
 */
@Command(name = "scheduler-overhead", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Paired measurement of the scheduler's overhead against the bare loop (trivial fibers).")
public final class SchedulerOverhead implements Callable<Integer> {
    /** The variants, in the order of a report's columns; the first is the baseline. */
    static final String[] VARIANTS = {"bare loop", "minimal loop", "simulated random", "simulated round-robin"};
    private static final int CALL_STEPS = SchedulerBench.STEPS;

    @Spec
    CommandSpec spec;

    @Option(names = "--fibers", split = ",", defaultValue = "2,8,64", paramLabel = "N[,N...]",
        description = "Trivial fibers, one report row each (default: ${DEFAULT-VALUE}).")
    int[] fibers;

    @Option(names = "--rounds", defaultValue = "15", paramLabel = "N",
        description = "Measured rounds per row (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "5", paramLabel = "N",
        description = "Rounds run first and not counted, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--slice-ms", defaultValue = "100", paramLabel = "MS",
        description = "Wall time of each variant's slice in a round (default: ${DEFAULT-VALUE}).")
    int sliceMillis;

    /** Keeps the loops' results alive. */
    private long sink;

    /** One row of the report: per variant, the median wall nanoseconds per step and its ratio to the baseline. */
    record Row(int fibers, double[] nanosPerStep, double[] medianRatio, double[] minRatio, double[] maxRatio) {
    }

    @Override
    public Integer call() {
        if (fibers.length == 0) {
            throw new ParameterException(spec.commandLine(), "fibers: none (expected: at least one)");
        }
        for (int f : fibers) {
            if (f <= 0) {
                throw new ParameterException(spec.commandLine(), "fibers: " + f + " (expected: > 0)");
            }
        }
        if (rounds <= 0) {
            throw new ParameterException(spec.commandLine(), "rounds: " + rounds + " (expected: > 0)");
        }
        if (warmupRounds < 0) {
            throw new ParameterException(spec.commandLine(), "warmup-rounds: " + warmupRounds + " (expected: >= 0)");
        }
        if (sliceMillis <= 0) {
            throw new ParameterException(spec.commandLine(), "slice-ms: " + sliceMillis + " (expected: > 0)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "paired slices of %d ms, %d rounds (+%d warm-up) per row; ratio = variant / bare loop"
            + " in the same round: median [min-max]%n", sliceMillis, rounds, warmupRounds);
        out.printf(Locale.ROOT, "%-7s %-14s %-26s %-26s %-26s%n", "fibers", "bare ns/step", "minimal ns/step (ratio)",
            "random ns/step (ratio)", "round-robin ns/step (ratio)");
        for (int f : fibers) {
            Row row = measure(f);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7d %-14.2f", f, row.nanosPerStep[0]));
            for (int v = 1; v < VARIANTS.length; v++) {
                line.append(String.format(Locale.ROOT, " %-26s", String.format(Locale.ROOT, "%.2f (%.2fx [%.2f-%.2f])",
                    row.nanosPerStep[v], row.medianRatio[v], row.minRatio[v], row.maxRatio[v])));
            }
            out.println(line.toString().stripTrailing());
            out.flush();
        }
        return sink == Long.MIN_VALUE ? 1 : 0; // never: only keeps the loops' results alive
    }

    /** Runs the rounds for one fiber count. */
    Row measure(int fiberCount) {
        SchedulerBench.BareLoop bare = new SchedulerBench.BareLoop(fiberCount);
        SchedulerBench.MinimalLoop minimal = new SchedulerBench.MinimalLoop(fiberCount);
        Scheduler random = SchedulerBench.scheduler(StrategySpec.random(), fiberCount, false);
        Scheduler roundRobin = SchedulerBench.scheduler(StrategySpec.parse("rr"), fiberCount, false);
        long sliceNanos = sliceMillis * 1_000_000L;
        int n = VARIANTS.length;
        double[][] nanos = new double[n][rounds];
        double[][] ratios = new double[n][rounds];
        for (int round = -warmupRounds; round < rounds; round++) {
            double[] perStep = new double[n];
            for (int k = 0; k < n; k++) {
                int v = (k + Math.floorMod(round, n)) % n; // rotate which variant goes first
                perStep[v] = switch (v) {
                    case 0 -> timeBare(bare, sliceNanos);
                    case 1 -> timeMinimal(minimal, sliceNanos);
                    case 2 -> timeScheduler(random, sliceNanos);
                    default -> timeScheduler(roundRobin, sliceNanos);
                };
            }
            if (round >= 0) {
                for (int v = 0; v < n; v++) {
                    nanos[v][round] = perStep[v];
                    ratios[v][round] = perStep[v] / perStep[0];
                }
            }
        }
        double[] median = new double[n];
        double[] medianRatio = new double[n];
        double[] minRatio = new double[n];
        double[] maxRatio = new double[n];
        for (int v = 0; v < n; v++) {
            median[v] = median(nanos[v]);
            medianRatio[v] = median(ratios[v]);
            minRatio[v] = Arrays.stream(ratios[v]).min().orElseThrow();
            maxRatio[v] = Arrays.stream(ratios[v]).max().orElseThrow();
        }
        return new Row(fiberCount, median, medianRatio, minRatio, maxRatio);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    // One timing loop per variant, each its own small method: the JIT compiles each with only its own loop.

    private double timeBare(SchedulerBench.BareLoop loop, long sliceNanos) {
        long steps = 0;
        long acc = 0;
        long start = System.nanoTime();
        long now;
        do {
            acc += loop.run(CALL_STEPS);
            steps += CALL_STEPS;
            now = System.nanoTime();
        } while (now - start < sliceNanos);
        sink += acc;
        return (double) (now - start) / steps;
    }

    private double timeMinimal(SchedulerBench.MinimalLoop loop, long sliceNanos) {
        long steps = 0;
        long acc = 0;
        long start = System.nanoTime();
        long now;
        do {
            acc += loop.run(CALL_STEPS);
            steps += CALL_STEPS;
            now = System.nanoTime();
        } while (now - start < sliceNanos);
        sink += acc;
        return (double) (now - start) / steps;
    }

    private double timeScheduler(Scheduler scheduler, long sliceNanos) {
        long steps = 0;
        long acc = 0;
        long start = System.nanoTime();
        long now;
        do {
            if (scheduler.runSteps(CALL_STEPS)) {
                acc++;
            }
            steps += CALL_STEPS;
            now = System.nanoTime();
        } while (now - start < sliceNanos);
        if (acc * CALL_STEPS != steps) {
            throw new IllegalStateException("the trivial fibers' run ended: " + scheduler.failure());
        }
        sink += acc;
        return (double) (now - start) / steps;
    }

    /** @return a command line with this tool's one-line error handling (exit code 2 on bad input) */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SchedulerOverhead());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("scheduler-overhead: " + ex.getMessage());
            return 2;
        });
        return cl;
    }

    /** @param args see {@code --help} */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
