package dev.whopper.bench;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.sched.Scheduler;
import dev.whopper.sim.sched.SchedulerConfig;
import dev.whopper.sim.strategy.StrategySpec;
import dev.whopper.sim.random.Xoshiro256StarStar;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.EventRing;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.sim.trace.TraceHash;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scheduler overhead: trivial fibers whose every step returns a yield, stepped by the simulator (random
 * and round-robin strategies; the decision log off, and on) against a bare loop that calls the same
 * operations round-robin without the simulator, and a minimal loop (seeded pick, trace-hash update, event
 * ring) as a reference. One operation = one step. Compare
 * {@code simulatedRoundRobin} with {@code bareLoop} for the overhead ratio; run with {@code -prof gc} to
 * see that a steady-state step allocates nothing ({@code gc.alloc.rate.norm} ~ 0 B/op).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SchedulerBench {
    /** Steps per benchmark invocation. */
    static final int STEPS = 1_000;

    /** Number of trivial fibers. */
    @Param({"2", "8", "64"})
    public int fibers;

    private BareLoop bare;
    private MinimalLoop minimal;
    private Scheduler random;
    private Scheduler roundRobin;
    private Scheduler recording;

    /** A fiber's operation that never finishes: every step yields, reusing one finished completion. */
    static final class Trivial implements Operation<Void> {
        private final IOResult<Void> yield = IOResult.io(Completion.yielded());
        long steps;

        @Override
        public IOResult<Void> step() {
            steps++;
            return yield;
        }
    }

    /** @return {@code fibers} fresh trivial operations */
    static Operation<?>[] trivialOps(int fibers) {
        Operation<?>[] ops = new Operation<?>[fibers];
        for (int i = 0; i < fibers; i++) {
            ops[i] = new Trivial();
        }
        return ops;
    }

    /** The baseline: {@code fibers} trivial operations called round-robin, no simulator. */
    static final class BareLoop {
        private final Operation<?>[] ops;
        private int next;

        BareLoop(int fibers) {
            ops = trivialOps(fibers);
        }

        /** @return yields seen in {@code steps} steps */
        int run(int steps) {
            int io = 0;
            int n = next;
            for (int i = 0; i < steps; i++) {
                if (ops[n].step().isIo()) {
                    io++;
                }
                n = n + 1 == ops.length ? 0 : n + 1;
            }
            next = n;
            return io;
        }
    }

    /**
     * The reference the issue names: a minimal loop with a seeded pick, a trace-hash update and an event
     * ring, and nothing else (no runnable set, no decision record, no clock, no failure checks).
     */
    static final class MinimalLoop {
        private final Operation<?>[] ops;
        private final Xoshiro256StarStar random = new Xoshiro256StarStar(42);
        private final TraceHash hash = new TraceHash();
        private final EventRing ring = new EventRing(32);
        private long step;

        MinimalLoop(int fibers) {
            ops = trivialOps(fibers);
        }

        /** @return yields seen in {@code steps} steps */
        int run(int steps) {
            int io = 0;
            long s = step;
            for (int i = 0; i < steps; i++) {
                int id = random.nextInt(ops.length);
                if (ops[id].step().isIo()) {
                    io++;
                }
                hash.mix(((long) id << 8) | 1);
                ring.addInterned(s, s * 1_000, id, EventRing.NO_OP, EventKind.YIELD);
                s++;
            }
            step = s;
            return io;
        }
    }

    /** Builds the fibers and the schedulers. */
    @Setup(Level.Trial)
    public void setUp() {
        bare = new BareLoop(fibers);
        minimal = new MinimalLoop(fibers);
        random = scheduler(StrategySpec.random(), fibers, false);
        roundRobin = scheduler(StrategySpec.parse("rr"), fibers, false);
    }

    /** A fresh recording scheduler per iteration, so its decision log does not grow without bound. */
    @Setup(Level.Iteration)
    public void setUpRecording() {
        recording = scheduler(StrategySpec.random(), fibers, true);
    }

    /**
     * A started scheduler over {@code fibers} trivial fibers that never finish (no IO, no faults, no yield
     * injection, no properties, 1,000 ns per step).
     */
    static Scheduler scheduler(StrategySpec spec, int fibers, boolean record) {
        RandomStreams streams = new RandomStreams(42);
        Recorder recorder = Recorder.recording(record);
        SchedulerConfig config = new SchedulerConfig(Long.MAX_VALUE, 0, 0, 32, 0, 0, record);
        Operation<?>[] mine = trivialOps(fibers);
        Scheduler s = new Scheduler(config, streams, recorder,
            spec.create(streams.stream(RandomStreams.SCHEDULER), fibers, 1_000_000, recorder), new VirtualClock(1_000), null,
            null, List.of(), fibers, ctx -> {
                Operation<?> op = mine[ctx.id()];
                return (FiberProgram) () -> op;
            });
        s.start();
        return s;
    }

    /** @return steps taken (1000 per call) by the simulator with the random strategy, decision log off */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public boolean simulatedRandom() {
        return random.runSteps(STEPS);
    }

    /** @return steps taken by the simulator with round-robin, decision log off */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public boolean simulatedRoundRobin() {
        return roundRobin.runSteps(STEPS);
    }

    /** @return steps taken by the simulator with the random strategy, recording the decision log */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public boolean simulatedRandomRecording() {
        return recording.runSteps(STEPS);
    }

    /** @return yields seen by the minimal reference loop (see {@link MinimalLoop}) */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int minimalLoop() {
        return minimal.run(STEPS);
    }

    /** @return the same trivial operations called round-robin by a bare loop, no simulator */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int bareLoop() {
        return bare.run(STEPS);
    }
}
