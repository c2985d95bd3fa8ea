package dev.whopper.bench;

import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.workloads.bank.BankWorkload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulator running the real engine: {@code connections} bank connections over SimIO (no faults),
 * one whole run per benchmark call. Reports runs/s and, through auxiliary counters, simulator steps per
 * wall second ({@code steps}) and simulated nanoseconds per wall second ({@code simNanos}, so
 * simNanos/1e9 is the simulated/wall time ratio).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class BankSimBench {
    /** Connections (fibers). */
    @Param({"64"})
    public int connections;

    private Simulation<?> sim;
    private long seed;

    /** Per-iteration counters. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Progress {
        /** Simulator steps. */
        public long steps;
        /** Simulated time in nanoseconds. */
        public long simNanos;

        /** Resets at each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            steps = 0;
            simNanos = 0;
        }
    }

    /** Builds the simulation once; each call runs a new seed. */
    @Setup
    public void setup() {
        sim = Simulation.builder(BankWorkload.of(BankWorkload.Variant.CORRECT, 20), connections).crashes(0).maxSteps(10_000_000).recordDecisions(false).build();
    }

    /**
     * @param progress counters
     * @return the run
     */
    @Benchmark
    public RunResult bankRun(Progress progress) {
        RunResult r = sim.withSeed(++seed).run();
        if (r.kind() != dev.whopper.sim.Outcome.Kind.PASSED) {
            throw new IllegalStateException("benchmark run failed: " + r.describe());
        }
        progress.steps += r.counters().steps();
        progress.simNanos += r.counters().timeNanos();
        return r;
    }
}
