package dev.whopper.bench;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.sched.Scheduler;
import dev.whopper.sim.sched.SchedulerConfig;
import dev.whopper.sim.strategy.RandomStrategy;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.workloads.bank.BankWorkload;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Steps per wall second as the number of fibers grows, where fibers wait: a step's cost should not depend
 * on how many fibers there are. The {@code wait} workload: even fibers sleep a random 1..{@code
 * --sleep-max-nanos} ns per operation, then finish the oldest completion an odd fiber waits on; odd fibers
 * wait on a completion of their own until a sleeper finishes it. So every step goes through the waiting
 * paths (the sleeper queue, a waiter woken by another fiber's step, the runnable set updated). Each of its
 * operations allocates its objects (a named wrapper, a lambda, its state, a completion), as workloads
 * written with {@code Operation.named} do. The {@code sleep} workload is the trivial one: each operation
 * sleeps a random 1..{@code --sleep-max-nanos} ns and finishes, and a fiber is one object (its program and
 * its operation), so a step's cost is the scheduler's plus one object of the fiber's. The {@code
 * bank} workload runs the real engine over SimIO at each connection count, one seed, for {@code --steps}
 * steps at most. The scheduler has the default 10 s liveness timeout on, as runs do. Each row is measured
 * after a warm-up of the same length, in the same JVM.
 *
 * <p>With {@code --rounds R} (the {@code wait} and {@code sleep} workloads), the measurement is paired, for a shared machine
 * whose speed drifts: one scheduler per fiber count lives for the whole run, each is warmed up (one run of {@code --steps},
 * then {@code --warmup-rounds} paired rounds that are not recorded: the 100-fiber step kept getting faster for
 * seconds, as the code settled), and then in each of R rounds every scheduler takes {@code --steps} steps in turn (the order reversed every other
 * round), each turn timed in wall time and in the thread's CPU time. A round gives each count's steps/s and its
 * ratio of time per step to the first count's in that same round; the report shows the medians over the
 * rounds and the ratios' range, and the ratio of the best rounds (the lowest CPU time per step of each count,
 * the least disturbed by other work on a shared machine). The CPU-time ratio leaves out the time this thread waited for a core (on a
 * machine shared with other work) and the GC threads' time; the wall-time ratio includes both.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.whopper.bench.ManyFibers --fibers 100,100000}.
 */
@Command(name = "many-fibers", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Steps per second of a run with many waiting fibers.")
public final class ManyFibers implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", defaultValue = "wait", paramLabel = "wait|sleep|bank",
        description = "What the fibers do (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--fibers", split = ",", defaultValue = "100,1000,10000,100000", paramLabel = "N[,N...]",
        description = "Fibers, one report row each (default: ${DEFAULT-VALUE}).")
    int[] fibers;

    @Option(names = "--steps", defaultValue = "5000000", paramLabel = "N",
        description = "Steps measured per row, after as many for warm-up (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--sleep-max-nanos", defaultValue = "50000", paramLabel = "NS",
        description = "A sleeper's longest sleep (default: ${DEFAULT-VALUE}).")
    long sleepMaxNanos;

    @Option(names = "--liveness-timeout-nanos", defaultValue = "10000000000", paramLabel = "NS",
        description = "The scheduler's liveness timeout, 0 for none (default: ${DEFAULT-VALUE}, as runs have).")
    long livenessTimeoutNanos;

    @Option(names = "--rounds", defaultValue = "0", paramLabel = "N",
        description = "Paired rounds (wait workload): every count takes --steps steps in turn, N times; 0 for one "
            + "row per count (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "10", paramLabel = "N",
        description = "With --rounds: paired rounds taken first and not recorded, so that the recorded ones measure "
            + "settled code (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--floor",
        description = "With --rounds: then as many rounds of an ideal step as costly at the first count as the "
            + "scheduler's median there (StepFloor): the ratio this machine's memory allows at best.")
    boolean floor;

    @Override
    public Integer call() {
        if (!java.util.Set.of("wait", "sleep", "bank").contains(workload)) {
            throw new ParameterException(spec.commandLine(), "workload: " + workload + " (expected: wait, sleep or bank)");
        }
        if (warmupRounds < 0) {
            throw new ParameterException(spec.commandLine(), "warmup-rounds: " + warmupRounds + " (expected: >= 0)");
        }
        if (rounds < 0) {
            throw new ParameterException(spec.commandLine(), "rounds: " + rounds + " (expected: >= 0)");
        }
        if (steps <= 0) {
            throw new ParameterException(spec.commandLine(), "steps: " + steps + " (expected: > 0)");
        }
        if (floor && (rounds == 0 || workload.equals("bank"))) {
            throw new ParameterException(spec.commandLine(), "floor: needs --rounds > 0 and the wait or sleep workload");
        }
        for (int n : fibers) {
            if (n <= 0) {
                throw new ParameterException(spec.commandLine(), "fibers: " + n + " (expected: > 0)");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (rounds > 0 && !workload.equals("bank")) {
            paired(out);
            return 0;
        }
        out.printf(Locale.ROOT, "workload %s, %d steps per row (after as many for warm-up)%n", workload, steps);
        out.println("fibers   steps/s      time jumps   runnable at end");
        for (int n : fibers) {
            if (workload.equals("bank")) {
                bank(out, n);
            } else {
                Scheduler warm = waitScheduler(n);
                warm.start();
                run(warm, steps);
                Scheduler s = waitScheduler(n);
                s.start();
                long t0 = System.nanoTime();
                long taken = run(s, steps);
                double secs = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "%-8d %-12.0f %-12d %d%n", n, taken / secs,
                    s.counters(java.util.Map.of()).timeJumps(), countRunnable(s, n));
            }
        }
        return 0;
    }

    /** The paired measurement: every count's scheduler takes turns, {@link #rounds} times (see the class doc). */
    private void paired(PrintWriter out) {
        out.printf(Locale.ROOT, "workload %s, paired: %d rounds of %d steps per count (after one run and %d rounds for"
            + " warm-up)%n", workload, rounds, steps, warmupRounds);
        Scheduler[] schedulers = new Scheduler[fibers.length];
        for (int k = 0; k < fibers.length; k++) {
            schedulers[k] = waitScheduler(fibers[k]);
            schedulers[k].start();
            run(schedulers[k], steps);
        }
        double[][] stepsPerSecond = new double[fibers.length][rounds];
        double[][] stepsPerCpuSecond = new double[fibers.length][rounds];
        double[][] ratio = new double[fibers.length][rounds];
        double[][] cpuRatio = new double[fibers.length][rounds];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = -warmupRounds; round < rounds; round++) {
            double[] nanosPerStep = new double[fibers.length];
            double[] cpuNanosPerStep = new double[fibers.length];
            for (int j = 0; j < fibers.length; j++) {
                int k = round % 2 == 0 ? j : fibers.length - 1 - j;
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long taken = run(schedulers[k], steps);
                long took = System.nanoTime() - t0;
                long cpuTook = threads.getCurrentThreadCpuTime() - cpu0;
                if (round < 0) {
                    continue; // a warm-up round: the same turns, not recorded
                }
                nanosPerStep[k] = (double) took / taken;
                cpuNanosPerStep[k] = (double) cpuTook / taken;
                stepsPerSecond[k][round] = taken * 1e9 / took;
                stepsPerCpuSecond[k][round] = taken * 1e9 / cpuTook;
            }
            for (int k = 0; k < fibers.length && round >= 0; k++) {
                ratio[k][round] = nanosPerStep[k] / nanosPerStep[0];
                cpuRatio[k][round] = cpuNanosPerStep[k] / cpuNanosPerStep[0];
            }
        }
        out.printf(Locale.ROOT, "%-8s %-12s %-8s %-13s | %-14s %-8s %-13s | %s%n", "fibers", "steps/s", "ratio",
            "range", "steps/cpu-s", "ratio", "range", "best steps/cpu-s, ratio");
        double best0 = max(stepsPerCpuSecond[0]);
        for (int k = 0; k < fibers.length; k++) {
            double best = max(stepsPerCpuSecond[k]);
            out.printf(Locale.ROOT, "%-8d %-12.0f %-8.2f %-13s | %-14.0f %-8.2f %-13s | %.0f, %.2f%n", fibers[k],
                median(stepsPerSecond[k]), median(ratio[k]), range(ratio[k]), median(stepsPerCpuSecond[k]),
                median(cpuRatio[k]), range(cpuRatio[k]), best, best0 / best);
        }
        int last = fibers.length - 1;
        if (last > 0) {
            double verdict = median(cpuRatio[last]);
            out.printf(Locale.ROOT, "verdict (issue 10 item 8, workload %s): %d fibers / %d fibers = %.2fx CPU time per step, median"
                    + " of %d rounds %s (target <= %.1fx): %s%n", workload, fibers[last], fibers[0], verdict, rounds, range(cpuRatio[last]),
                RATIO_TARGET, verdict <= RATIO_TARGET ? "MET" : "NOT MET");
        }
        if (floor) {
            // Right after the scheduler's rounds, as many rounds of the ideal step, as costly at the first count.
            StepFloor[] floors = floors(1e9 / median(stepsPerCpuSecond[0]));
            double[][] floorRatio = new double[fibers.length][rounds];
            double[][] floorStepsPerCpuSecond = new double[fibers.length][rounds];
            for (int round = 0; round < rounds; round++) {
                floorRound(floors, round, threads, floorStepsPerCpuSecond, floorRatio);
            }
            printFloor(out, floors, floorStepsPerCpuSecond, floorRatio, last > 0 ? median(cpuRatio[last]) : 1);
        }
    }

    /**
     * The ideal steps, one per count, with the work that makes a step at the first count cost {@code target}
     * ns of CPU time (the scheduler's median there).
     */
    private StepFloor[] floors(double target) {
        StepFloor[] floors = new StepFloor[fibers.length];
        for (int k = 0; k < fibers.length; k++) {
            floors[k] = new StepFloor(fibers[k], 0);
        }
        int work = floors[0].calibrate(target, steps);
        for (int k = 0; k < fibers.length; k++) {
            floors[k].work(work);
            floors[k].run(steps); // warm-up, as the schedulers had
        }
        return floors;
    }

    private void floorRound(StepFloor[] floors, int round, java.lang.management.ThreadMXBean threads,
                            double[][] stepsPerCpuSecond, double[][] ratio) {
        double[] cpuNanosPerStep = new double[floors.length];
        for (int j = 0; j < floors.length; j++) {
            int k = round % 2 == 0 ? j : floors.length - 1 - j;
            long cpu0 = threads.getCurrentThreadCpuTime();
            floors[k].run(steps);
            long cpuTook = threads.getCurrentThreadCpuTime() - cpu0;
            cpuNanosPerStep[k] = (double) cpuTook / steps;
            stepsPerCpuSecond[k][round] = steps * 1e9 / cpuTook;
        }
        for (int k = 0; k < floors.length; k++) {
            ratio[k][round] = cpuNanosPerStep[k] / cpuNanosPerStep[0];
        }
    }

    private void printFloor(PrintWriter out, StepFloor[] floors, double[][] stepsPerCpuSecond, double[][] ratio,
                            double schedulerRatio) {
        out.printf(Locale.ROOT, "floor: an ideal step (StepFloor: a random fiber's state and operation, %d work iterations,"
            + " as costly as the scheduler's step at %d fibers)%n", floors[0].work(), fibers[0]);
        out.printf(Locale.ROOT, "%-8s %-14s %-8s %s%n", "fibers", "steps/cpu-s", "ratio", "range");
        for (int k = 0; k < floors.length; k++) {
            out.printf(Locale.ROOT, "%-8d %-14.0f %-8.2f %s%n", fibers[k], median(stepsPerCpuSecond[k]), median(ratio[k]),
                range(ratio[k]));
        }
        int last = floors.length - 1;
        if (last > 0) {
            double floorRatio = median(ratio[last]);
            out.printf(Locale.ROOT, "floor verdict: an ideal step at %d fibers / %d fibers = %.2fx CPU time per step on this"
                + " machine (median of %d rounds %s); the scheduler's %.2fx is %.2f times it%n", fibers[last], fibers[0],
                floorRatio, rounds, range(ratio[last]), schedulerRatio, schedulerRatio / floorRatio);
        }
    }

    /** Issue 10 item 8: a step at many fibers costs at most this many times a step at few. */
    static final double RATIO_TARGET = 2.0;

    private static double max(double[] values) {
        double m = values[0];
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static String range(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return String.format(Locale.ROOT, "[%.2f-%.2f]", v[0], v[v.length - 1]);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static long run(Scheduler s, long steps) {
        long from = s.clock().steps();
        while (s.clock().steps() - from < steps && s.runSteps((int) Math.min(1 << 20, steps - (s.clock().steps() - from)))) {
            // runs
        }
        return s.clock().steps() - from;
    }

    private static int countRunnable(Scheduler s, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += s.state(i) == dev.whopper.sim.sched.FiberState.RUNNABLE ? 1 : 0;
        }
        return c;
    }

    private Scheduler waitScheduler(int n) {
        RandomStreams streams = new RandomStreams(42);
        ArrayDeque<Completion> waiting = new ArrayDeque<>();
        return new Scheduler(new SchedulerConfig(Long.MAX_VALUE, 0, 0, 32, livenessTimeoutNanos, 0, false), streams, Recorder.recording(false),
            new RandomStrategy(streams.stream(RandomStreams.SCHEDULER)), new VirtualClock(1_000), null, null, List.of(), n,
            workload.equals("sleep") ? ctx -> new SleepFiber(ctx, sleepMaxNanos)
                : ctx -> () -> ctx.id() % 2 == 0 ? sleeper(ctx, waiting) : waiter(waiting));
    }

    /**
     * The {@code sleep} workload, the trivial one: each operation sleeps a random 1..max ns, then finishes;
     * a fiber is one object, its program and its operation at once (as a connection's state machine is).
     */
    private static final class SleepFiber implements FiberProgram, Operation<Object> {
        private final FiberContext ctx;
        private final int sleepMaxNanos;
        private boolean slept;

        SleepFiber(FiberContext ctx, long sleepMaxNanos) {
            this.ctx = ctx;
            this.sleepMaxNanos = (int) sleepMaxNanos;
        }

        @Override
        public Operation<?> next() {
            return this;
        }

        @Override
        public IOResult<Object> step() {
            if (!slept) {
                slept = true;
                return IOResult.io(ctx.sleep(1 + ctx.random().nextInt(sleepMaxNanos)));
            }
            slept = false;
            return IOResult.done(null);
        }

        @Override
        public String kind() {
            return "sleep";
        }
    }

    /** Sleeps, then finishes the oldest waiting completion (if any). */
    private Operation<Object> sleeper(FiberContext ctx, ArrayDeque<Completion> waiting) {
        boolean[] slept = {false};
        return Operation.named("sleep", () -> {
            if (!slept[0]) {
                slept[0] = true;
                return IOResult.io(ctx.sleep(1 + ctx.random().nextInt((int) sleepMaxNanos)));
            }
            Completion c = waiting.poll();
            if (c != null) {
                c.succeed();
            }
            return IOResult.done(null);
        });
    }

    /** Waits until a sleeper finishes its completion. */
    private static Operation<Object> waiter(ArrayDeque<Completion> waiting) {
        Completion c = Completion.waiting("a sleeper");
        boolean[] blocked = {false};
        return Operation.named("wait", () -> {
            if (!blocked[0]) {
                blocked[0] = true;
                waiting.add(c);
                return IOResult.io(c);
            }
            return IOResult.done(null);
        });
    }

    private void bank(PrintWriter out, int n) {
        Simulation<?> sim = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 20), n).crashes(0)
            .maxSteps(steps).recordDecisions(false).build();
        sim.withSeed(1).run(); // warm-up
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        RunResult r = sim.withSeed(2).run();
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        out.printf(Locale.ROOT, "%-8d %-12.0f %-12d %s (%.0f steps per CPU second of this thread)%n", n,
            r.counters().steps() / secs, r.counters().timeJumps(), r.kind(), r.counters().steps() / cpuSecs);
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** @return the command line of this tool (tests execute it with their own output) */
    static CommandLine commandLine() {
        return new CommandLine(new ManyFibers());
    }
}
