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
 * run in one JVM and take turns every few thousand steps (tens of microseconds), each turn timed; a round
 * gives each variant's time per step as a ratio to the bare loop's in that same round, and the report
 * shows the median of those ratios over the rounds and their range. Drift slower than a few turns
 * cancels out of every ratio. Timing a turn adds ~25 ns to it, under 1% of a bare-loop turn of 10,000
 * steps (and less of the others), so ratios come out that much low at most.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.whopper.bench.SchedulerOverhead}. JMH's
 * {@code SchedulerBench} stays the source of the absolute figures and of the allocation check.
 */
@Command(name = "scheduler-overhead", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Paired measurement of the scheduler's overhead against the bare loop (trivial fibers).")
public final class SchedulerOverhead implements Callable<Integer> {
    /** The variants, in the order of a report's columns; the first is the baseline. */
    static final String[] VARIANTS = {"bare loop", "minimal loop", "simulated random", "simulated round-robin"};

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

    @Option(names = "--round-ms", defaultValue = "400", paramLabel = "MS",
        description = "Wall time of a round, all variants together (default: ${DEFAULT-VALUE}).")
    int roundMillis;

    @Option(names = "--segment-steps", defaultValue = "10000", paramLabel = "N",
        description = "Steps a variant takes before the next one's turn (default: ${DEFAULT-VALUE}).")
    int segmentSteps;

    /** Keeps the loops' results alive. */
    private long sink;

    /**
     * One row of the report, per variant (indexed as {@link #VARIANTS}): the median wall nanoseconds per
     * step, and the median, lowest and highest of its per-round ratios to the baseline.
     */
    record Row(double[] nanosPerStep, double[] medianRatio, double[] minRatio, double[] maxRatio) {
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
        if (roundMillis <= 0) {
            throw new ParameterException(spec.commandLine(), "round-ms: " + roundMillis + " (expected: > 0)");
        }
        if (segmentSteps <= 0) {
            throw new ParameterException(spec.commandLine(), "segment-steps: " + segmentSteps + " (expected: > 0)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "variants take turns every %d steps; %d rounds of %d ms (+%d warm-up) per row;"
            + " ratio = variant / bare loop in the same round: median [min-max]%n", segmentSteps, rounds, roundMillis,
            warmupRounds);
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
        long roundNanos = roundMillis * 1_000_000L;
        int n = VARIANTS.length;
        double[][] nanos = new double[n][rounds];
        double[][] ratios = new double[n][rounds];
        long[] spent = new long[n];
        for (int round = -warmupRounds; round < rounds; round++) {
            Arrays.fill(spent, 0);
            long segments = 0;
            long start = System.nanoTime();
            do { // every variant runs one segment in turn: drift slower than a few segments cancels out
                spent[0] += segment(bare);
                spent[1] += segment(minimal);
                spent[2] += segment(random);
                spent[3] += segment(roundRobin);
                segments++;
            } while (System.nanoTime() - start < roundNanos);
            if (round >= 0) {
                for (int v = 0; v < n; v++) {
                    nanos[v][round] = (double) spent[v] / (segments * segmentSteps);
                    ratios[v][round] = (double) spent[v] / spent[0];
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
        return new Row(median, medianRatio, minRatio, maxRatio);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    // One small method per variant: each times one segment of segmentSteps steps.

    private long segment(SchedulerBench.BareLoop loop) {
        long start = System.nanoTime();
        sink += loop.run(segmentSteps);
        return System.nanoTime() - start;
    }

    private long segment(SchedulerBench.MinimalLoop loop) {
        long start = System.nanoTime();
        sink += loop.run(segmentSteps);
        return System.nanoTime() - start;
    }

    private long segment(Scheduler scheduler) {
        long start = System.nanoTime();
        boolean more = scheduler.runSteps(segmentSteps);
        long spent = System.nanoTime() - start;
        if (!more) {
            throw new IllegalStateException("the trivial fibers' run ended: " + scheduler.failure());
        }
        return spent;
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
