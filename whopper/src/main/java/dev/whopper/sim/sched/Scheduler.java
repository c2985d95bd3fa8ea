package dev.whopper.sim.sched;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.Counters;
import dev.whopper.sim.EventSource;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.Fnv1a;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.BlockPicker;
import dev.whopper.sim.strategy.SchedulerView;
import dev.whopper.sim.strategy.Strategy;
import dev.whopper.sim.strategy.SwarmStrategy;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.EventRing;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.sim.trace.TraceHash;
import dev.whopper.sim.trace.TraceSink;
import dev.whopper.reports.latency.LatencyRecorder;
import dev.whopper.sim.trace.ValueHash;
import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Runs fibers one step at a time, deterministically: the step loop. It owns the fibers' states, the
 * runnable set and the clock's idle jumps; the properties are told through {@link PropertyDispatch},
 * planned crashes and the end of faults are the {@link CrashPlan}'s, liveness and deadlock the
 * {@link LivenessMonitor}'s, the operation counts {@link OpCounts}, and who is to blame for an exception
 * {@link Blame}'s.
 *
 * <p>A step: fire the event source's due completions and wake due sleepers; collect the runnable fibers
 * (ascending ids; a BLOCKED fiber whose completion finished is runnable again); when none is runnable
 * but events are pending or fibers sleep, jump the clock to the earliest of them; when nothing is
 * pending at all, the run is a DEADLOCK. Otherwise the strategy picks a fiber (recorded through the
 * {@link Recorder} when there was a choice), its operation's {@code step()} is called once, the result is
 * recorded and hashed, properties are told, and the clock advances by the step cost.
 *
 * <p>Steady state: while every live fiber stays runnable and there are no events, sleepers or planned
 * work, the first half of a step (events, sleepers, re-collection) has nothing to do, and a single flag
 * ({@code prepare}) says so; anything that changes state sets it. Steady steps run in one innermost loop
 * ({@link #runSteps}), and a strategy with a {@link BlockPicker} (random, round-robin, and swarm over
 * them) picks for them a block at a time. The pick and a yield's result go into the trace hash as one
 * mixed word. How a run is split into {@code runSteps} calls never changes it.
 *
 * <p>Failures of the code under test (a violated property, an operation throwing anything but an
 * {@link IOFailureException}) end the run as VIOLATION; an exception from the scheduler itself or from a
 * property checker is an INTERNAL_ERROR. The hot path allocates nothing.
 */
public final class Scheduler implements SchedulerView {
    /** Creates a fiber's program; called once per fiber, in id order, and again after a recovery. */
    @FunctionalInterface
    public interface FiberFactory {
        /**
         * @param ctx the fiber's context
         * @return its program
         */
        FiberProgram create(FiberContext ctx);
    }

    private static final int R_YIELD = 1;
    /** Spreads a decision word before a yield's result is folded in with it (one trace-hash mix per step). */
    private static final long DECISION_MIX = 0xC2B2AE3D27D4EB4FL;
    private static final int R_BLOCKED = 2;
    private static final int R_SLEEP = 3;
    private static final int R_DONE = 4;
    private static final int R_FAILED = 5;
    private static final int MIN_BLOCK = 4; // a multiple of 4: a block takes up to four picks from each output

    private final SchedulerConfig config;
    private final VirtualClock clock;
    private final Recorder recorder;
    private final TraceHash hash;
    private final Strategy strategy;
    private final EventSource events;
    private final IO io;
    private final PropertyDispatch properties;
    private final LivenessMonitor liveness;
    private final CrashPlan crashPlan;
    private final FiberFactory factory;
    private final Fiber[] fibers;
    private final RandomStreams streams;
    /**
     * The runnable set, kept incrementally; {@link #runnable} is its array. Ranked (a bitset with a Fenwick
     * tree, O(log n) changes) when the strategy does not read the ids ({@link Strategy#readsRunnable}): its
     * array is then materialized only for steady state's blocks ({@link #drawBlock}), and a general step maps
     * its pick to a fiber with {@link RunnableSet#id}.
     */
    private final RunnableSet runnableSet;
    /** Whether a fiber is runnable, making a BLOCKED fiber whose completion finished RUNNABLE first. */
    private final IntPredicate admit = this::admit;
    private final SleeperQueue sleepers;
    /** Sleepers due at one wake-up, sorted by id before they are woken (the order a scan by id had). */
    private final int[] dueSleepers;
    private final int[] runnable;
    /** Each fiber's operation in flight (null when none), by fiber id: the hot path never loads a Fiber. */
    final Operation<?>[] ops;
    /** Each fiber's operation kind id in the event ring, by fiber id. */
    private final int[] ringOps;
    private final EventRing ring;
    /** The strategy's steady-state fast path, or null: every step then picks through the strategy. */
    private final BlockPicker picker;
    /** How many picks the next block draws: doubles while blocks are used up, back to the minimum when not. */
    private int blockSize = MIN_BLOCK;
    /**
     * Steady state's block of picks, as the picker wrote them: indices into {@link #runnable}, which stays
     * the same for the whole block (see {@link #drawBlock}); null without a picker.
     */
    private final int[] block;
    /**
     * The trace-hash word of a yield by the fiber at each runnable index ({@code index < runnableCount}):
     * steady steps read it instead of computing it. Right after the runnable set changed, only the entries
     * of the current block's picks are (so that a draw costs its picks, not the number of fibers); once as
     * many picks as runnable fibers were drawn since the change, every entry is, and draws then cost
     * nothing more. Null without a picker.
     */
    private final long[] yieldWords;
    /** Every entry of {@link #yieldWords} (and of {@link #runnable}) belongs to the current runnable set. */
    private boolean yieldWordsValid;
    /** Block picks drawn since the runnable set last changed. */
    private long picksSinceChange;
    /** Passes that filled every entry of {@link #yieldWords} (each O(fibers)): work counted for tests. */
    private long yieldTableFills;
    /** Picks in {@link #block} for the coming steady steps (0 outside steady state), and the next one. */
    private int blockLength;
    private int blockCursor;
    /** What the step that ended {@link #yields}'s loop returned (or threw) instead of a yield. */
    private IOResult<?> stopResult;
    private Throwable stopThrown;
    /** Steps where only one fiber could run (no decision): picks = steps - these. */
    private long singleChoiceSteps;
    /**
     * Where the step loop drops what it reads ahead of a picked fiber's operation (a software prefetch, see
     * {@link #runSteps}); never read.
     */
    private long readAhead;
    /** Properties to tell after each step or a liveness check: the step's cold tail. */
    private final boolean afterChecks;
    private final OpCounts opCounts = new OpCounts();
    /**
     * By kind index ({@link #opCounts}'s): the FNV-1a hash of the kind's name and its event-ring id, computed at
     * the kind's first start instead of at every operation start (a UTF-8 copy, a hash and a map lookup).
     */
    private long[] kindHashes = new long[8];
    private int[] kindRingIds = new int[8];
    /**
     * Each finished operation's simulated latency per kind (indexed as {@link #opCounts}) and per fiber: reads
     * only simulated times, never the run's randomness, so recording cannot move a trace hash.
     */
    private final LatencyRecorder latency;
    /** Observes every event with its value ({@code whopper run --trace}, report timelines), or null. */
    private TraceSink sink;
    /**
     * Whether the wall-clock CPU time of each operation's steps is measured (NONDETERMINISTIC, reported apart,
     * read by no decision); per fiber, the nanoseconds its operation in flight has spent in steps so far.
     */
    private boolean wallClock;
    private long[] wallInOp;
    /** Reaches of each named yield point (coverage), by point; counted only, never iterated during a run. */
    private final java.util.IdentityHashMap<dev.whopper.core.io.YieldPoint, long[]> yieldPointReaches =
        new java.util.IdentityHashMap<>();
    private dev.whopper.core.io.YieldPoint lastPoint;
    private long[] lastPointCount;

    private double[] workloadWeights = new double[0];
    /** The crash plan has work: {@link #beforeStep()} must run before the next step. */
    private boolean beforeWork;
    private boolean started;
    private int lastFiber = -1;
    /** The step number of the last step whose fiber yielded, or -1 (PCT and POS let the others run after a yield). */
    private long lastYieldStep = -1;
    private int live;
    private int sleeping;
    /** Fibers BLOCKED or SLEEPING: while 0 and nothing changed state, the runnable set is unchanged. */
    private int waiting;
    /**
     * The next step must go through {@link #prepareStep()}: something changed state, work is planned, events
     * or sleepers exist, or fibers wait. False only in steady state, where a step needs one check.
     */
    private boolean prepare = true;
    private int runnableCount;
    private Outcome failure;
    private long yieldsInjected;
    private long timeJumps;

    /**
     * @param config     knobs
     * @param streams    the run's random streams (fibers draw {@code fiber/<id>} and {@code yield/<id>})
     * @param recorder   where every choice goes
     * @param strategy   picks the next fiber
     * @param clock      the virtual clock (shared with the event source); it says what a step costs
     * @param events     the simulated I/O's events, or {@code null}
     * @param io         the simulated I/O handed to fibers, or {@code null}
     * @param properties what to check
     * @param fiberCount number of fibers, &gt; 0
     * @param factory    creates each fiber's program
     */
    public Scheduler(SchedulerConfig config, RandomStreams streams, Recorder recorder, Strategy strategy,
                     VirtualClock clock, EventSource events, IO io, List<Property> properties, int fiberCount,
                     FiberFactory factory) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(streams, "streams");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.hash = recorder.hash();
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = events;
        this.io = io;
        this.factory = Objects.requireNonNull(factory, "factory");
        if (fiberCount <= 0) {
            throw new IllegalArgumentException("fibers: " + fiberCount + " (expected: > 0)");
        }
        fibers = new Fiber[fiberCount];
        this.streams = streams;
        for (int i = 0; i < fiberCount; i++) {
            fibers[i] = new Fiber(i, this, streams.seedOf(RandomStreams.fiberStreamName(i)));
        }
        runnableSet = new RunnableSet(fiberCount, !strategy.readsRunnable());
        if (strategy.observesRunnable()) {
            runnableSet.observe(strategy::runnableChanged);
        }
        runnable = runnableSet.ids;
        sleepers = new SleeperQueue(fiberCount);
        dueSleepers = new int[fiberCount];
        ops = new Operation<?>[fiberCount];
        ringOps = new int[fiberCount];
        ring = new EventRing(config.eventsKept());
        this.properties = new PropertyDispatch(properties, new PropertyDispatch.Verdicts() {
            @Override
            public void violated(Violation v, int fiber) {
                fail(v, fiber);
            }

            @Override
            public void internalError(String message, Throwable e) {
                internal(message, e);
            }
        });
        liveness = new LivenessMonitor(fibers, ops, clock, config.livenessTimeoutNanos(), config.faultsEndNanos());
        liveness.trackOperations();
        crashPlan = new CrashPlan(this, clock, hash, ring, this.properties, config.faultsEndNanos());
        afterChecks = this.properties.any() || liveness.enabled();
        picker = strategy.blockPicker();
        block = picker != null ? new int[BlockPicker.MAX_BLOCK] : null;
        yieldWords = picker != null ? new long[fiberCount] : null;
        latency = new LatencyRecorder(fiberCount);
    }

    /**
     * @param sink told every event of the run with its value from now on (null: none); it only observes
     */
    public void traceTo(TraceSink sink) {
        this.sink = sink;
    }

    /**
     * Measures the wall-clock CPU time spent in each operation's steps into {@link #latency()}'s wall-clock
     * histograms: NONDETERMINISTIC figures, never read by the run; off by default (it costs two clock reads
     * per step outside steady stretches).
     */
    public void measureWallClock() {
        wallClock = true;
        wallInOp = new long[fibers.length];
    }

    /** @return the latency recorder (simulated per kind and per fiber; wall clock when measured) */
    public LatencyRecorder latency() {
        return latency;
    }

    /** @return how often each named yield point was reached, by name (ascending), for coverage */
    public Map<String, Long> yieldPointReaches() {
        Map<String, Long> out = new java.util.TreeMap<>();
        yieldPointReaches.forEach((p, n) -> out.merge(p.name(), n[0], Long::sum));
        return out;
    }

    /** Counts a reach of {@code point} (the engine asked whether to yield there). */
    void reached(dev.whopper.core.io.YieldPoint point) {
        if (point != lastPoint) {
            lastPointCount = yieldPointReaches.computeIfAbsent(point, p -> new long[1]);
            lastPoint = point;
        }
        lastPointCount[0]++;
    }

    /** Tells the sink, if any, a system event (crash plan, simulated disk). */
    void emit(int fiber, String op, EventKind kind, Object value) {
        if (sink != null) {
            sink.event(clock.steps(), clock.nowNanos(), fiber, op, kind, value);
        }
    }

    // ---- SchedulerView ----

    @Override
    public long step() {
        return clock.steps();
    }

    @Override
    public long nowNanos() {
        return clock.nowNanos();
    }

    @Override
    public int fiberCount() {
        return fibers.length;
    }

    @Override
    public int lastFiber() {
        return lastFiber;
    }

    @Override
    public long maxSteps() {
        return config.maxSteps();
    }

    @Override
    public boolean lastStepYielded() {
        return lastYieldStep >= 0 && lastYieldStep == clock.steps() - 1;
    }

    // ---- accessors ----

    /** @return the virtual clock */
    public VirtualClock clock() {
        return clock;
    }

    /** @return the simulated I/O, or {@code null} */
    public IO io() {
        return io;
    }

    /** @return the ring of last events */
    public EventRing events() {
        return ring;
    }

    /** @return the recorder */
    public Recorder recorder() {
        return recorder;
    }

    @Override
    public int runnableIndex(int fiber) {
        return runnableSet.indexOf(fiber);
    }

    @Override
    public int runnableBelow(int fiber) {
        return runnableSet.countBelow(fiber);
    }

    /** @return the failure found so far, or {@code null} */
    public Outcome failure() {
        return failure;
    }

    /** @return fibers not DONE */
    public int liveFibers() {
        return live;
    }

    /**
     * @param fiber a fiber id
     * @return its state
     */
    public FiberState state(int fiber) {
        return fibers[fiber].state;
    }

    /**
     * @param weights the workload weights fibers see (swarm's draw); fibers see 1.0 without them
     */
    public void setWorkloadWeights(double[] weights) {
        this.workloadWeights = weights.clone();
    }

    double workloadWeight(int index) {
        if (index < 0 || index >= SwarmStrategy.WEIGHTS) {
            throw new IllegalArgumentException("index: " + index + " (expected: 0.."
                + (SwarmStrategy.WEIGHTS - 1) + ")");
        }
        return index < workloadWeights.length ? workloadWeights[index] : 1.0;
    }

    /**
     * @param action run once, at the first step at or after {@link SchedulerConfig#faultsEndNanos()}
     *               (e.g. switch the simulated disk's faults off)
     */
    public void onFaultsEnd(Runnable action) {
        crashPlan.onFaultsEnd(action);
        updateBeforeWork();
    }

    /**
     * Plans crashes: before the first step numbered at or after each of {@code steps}, the run crashes and
     * recovers (see {@link CrashPlan#crashAndRecover}).
     *
     * @param steps   ascending step numbers
     * @param crash   what a crash does
     * @param recover how the system comes back
     */
    public void planCrashes(long[] steps, Runnable crash, Runnable recover) {
        crashPlan.planCrashes(steps, crash, recover);
        updateBeforeWork();
    }

    private void updateBeforeWork() {
        beforeWork = crashPlan.hasWork();
        prepare |= beforeWork;
    }

    /**
     * Runs until every fiber is done, the step budget is spent, or something fails, then tells the
     * properties the run ended (when nothing failed).
     *
     * @return the outcome
     */
    public Outcome run() {
        try {
            start();
            while (failure == null && clock.steps() < config.maxSteps()) {
                if (!runSteps((int) Math.min(config.maxSteps() - clock.steps(), 1 << 20))) {
                    break;
                }
            }
            if (failure == null && live == 0 && events != null && events.pendingEvents() > 0) {
                Outcome undrained = drain();
                if (undrained != null) {
                    return undrained;
                }
            }
            if (failure == null) {
                properties.end(new RunEnd(live == 0, clock.steps(), clock.nowNanos()));
            }
            if (failure != null) {
                return failure;
            }
            return live == 0 ? Outcome.Passed.COMPLETE
                : new Outcome.Incomplete(Outcome.Incomplete.BUDGET, clock.steps(), clock.nowNanos(), notDone(),
                    properties.endChecks());
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            if (failure == null && !Blame.fromToolCode(e)) {
                // Thrown by code under test outside an operation's step: a program factory, a recovery.
                fail(new Violation(Blame.UNCAUGHT_EXCEPTION, "code under test threw " + e), -1);
                return failure;
            }
            return internal("simulator failed: " + e, e);
        }
    }

    /** @return one line per fiber not done: its id, state, operation and where it last yielded */
    private List<String> notDone() {
        List<String> out = new ArrayList<>();
        for (Fiber f : fibers) {
            if (f.state != FiberState.DONE) {
                out.add(f.toString());
            }
        }
        return out;
    }

    private Outcome internal(String message, Throwable e) {
        if (!(failure instanceof Outcome.InternalError)) {
            failure = new Outcome.InternalError(message, e, clock.steps());
            prepare = true;
        }
        return failure;
    }

    /** @return the O(fibers) passes block draws made: tables of yield words filled, runnable ids materialized */
    long fullPassesOfBlockDraws() {
        return yieldTableFills + runnableSet.materializations();
    }

    /** Creates every fiber's program and starts its first operation; idempotent. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        live = fibers.length;
        for (Fiber f : fibers) {
            f.program = factory.create(f);
            if (f.program == null) {
                throw new IllegalStateException("fiber factory returned null for fiber " + f.id);
            }
        }
        for (Fiber f : fibers) {
            if (failure != null) {
                return;
            }
            nextOp(f);
        }
    }

    /**
     * Takes one scheduler step (after {@link #start()}).
     *
     * @return false when the run is over: every fiber done, or a failure found
     */
    public boolean runStep() {
        return runSteps(1);
    }

    /**
     * Takes up to {@code n} scheduler steps (after {@link #start()}); the loop {@link #run()} uses.
     *
     * @param n how many steps at most
     * @return false when the run is over: every fiber done, or a failure found
     */
    public boolean runSteps(int n) {
        if (failure != null) {
            return false;
        }
        // The loop's invariants in locals: the JIT keeps them in registers instead of reloading each step.
        final Operation<?>[] ops = this.ops;
        final TraceHash hash = this.hash;
        final VirtualClock clock = this.clock;
        final Recorder recorder = this.recorder;
        final EventRing ring = this.ring;
        final boolean recording = recorder.recordsPicks();
        int i = 0;
        while (i < n) {
            if (prepare && prepareStep() == 0) {
                return false;
            }
            final int start = blockCursor;
            if (start < blockLength) {
                // Steady state with a block of picks: yields over them (a loop of its own, called from here: when
                // a smaller caller inlined it, it was slower). A step that does anything but yield ends it and
                // gets the general handling in afterYields.
                final long firstStep = clock.steps();
                final int end = start + Math.min(blockLength - start, n - i);
                final long wallStart = wallClock ? System.nanoTime() : 0;
                final int stopped = yields(start, end, recording);
                if (wallClock) {
                    spreadWall(start, stopped < end ? stopped + 1 : stopped, System.nanoTime() - wallStart);
                }
                i = afterYields(start, stopped, end, firstStep, i);
                if (i < 0) {
                    return false;
                }
                continue;
            }
            do {
                int count = runnableCount;
                int index = 0;
                long decision = 0;
                if (count > 1) {
                    index = pick(count);
                    decision = decision(count, index);
                }
                int id = runnableSet.id(index);
                if (decision != 0) {
                    recorder.recordPick(index);
                } else {
                    singleChoiceSteps++;
                }
                // Read ahead: the picked fiber's state and its latency record, before its operation steps, so
                // that with many fibers their cache misses are in flight together with the operation's own
                // instead of one after another (a step of one of 100,000 fibers misses on each).
                final Fiber picked = fibers[id];
                if (picked.state != FiberState.RUNNABLE || picked.opStartNanos > clock.nowNanos()) {
                    throw new IllegalStateException("picked " + picked + ", not runnable or started in the future");
                }
                readAhead = latency.fiberOperations(id);
                IOResult<?> r = null;
                Throwable thrown = null;
                long wallStart = wallClock ? System.nanoTime() : 0;
                try {
                    r = ops[id].step();
                } catch (RuntimeException | AssertionError | StackOverflowError e) {
                    thrown = e;
                }
                if (wallClock) {
                    wallInOp[id] += System.nanoTime() - wallStart;
                }
                if (r instanceof IOResult.IO<?> io && io.completion().finished()) {
                    hash.mix(yieldWord(decision, id));
                    ring.addInterned(clock.steps(), clock.nowNanos(), id, ringOp(picked), EventKind.YIELD);
                    lastYieldStep = clock.steps();
                    if (sink != null) {
                        sink.event(clock.steps(), clock.nowNanos(), id, fibers[id].opKind, EventKind.YIELD, yieldValue(id));
                    }
                } else {
                    ended(id, decision, r, thrown);
                }
                lastFiber = id;
                clock.step();
                // The step's checks run before the run may end, so the step that ends it is checked too.
                if (prepare && failure != null || afterChecks && !afterStepChecks(id) || prepare && live == 0) {
                    return false;
                }
            } while (++i < n && !prepare);
        }
        return true;
    }

    /**
     * After {@link #yields} took block picks {@code [start, cursor)} of {@code [start, end)}: their yields go
     * into the event ring, and the step at {@code cursor}, if it did anything but yield, gets the general
     * handling. Called once per block (or per stretch of one), never per step.
     *
     * @param firstStep the step number of pick {@code start}
     * @param i         steps {@link #runSteps} had taken before the block
     * @return the steps taken so far, or -1 when the run is over
     */
    private int afterYields(int start, int cursor, int end, long firstStep, int i) {
        IOResult<?> r = stopResult;
        Throwable thrown = stopThrown;
        stopResult = null;
        stopThrown = null;
        recordYields(start, cursor, firstStep);
        int taken = i + cursor - start;
        if (cursor > start) {
            lastYieldStep = firstStep + cursor - start - 1;
        }
        int index = cursor < end ? block[cursor] : block[cursor - 1];
        int id = runnable[index]; // the last fiber stepped
        lastFiber = id;
        if (cursor < end) {
            // The step at the cursor did something else than yield: the general handling.
            ended(id, decision(runnableCount, index), r, thrown);
            clock.step();
            cursor++;
            taken++;
            if (prepare && (failure != null || live == 0)) {
                blockCursor = cursor;
                return -1;
            }
        }
        if (cursor == blockLength) {
            prepare = true;
        }
        blockCursor = cursor;
        return taken;
    }

    /**
     * Steady steps over block picks {@code [cursor, end)} while each yields: the innermost loop, in a method
     * of its own so that its few values stay in registers (inside {@link #runSteps} the JIT spilled the
     * arrays, the clock and the hash and reloaded them every step), with the trace hash in a local. It reads
     * each pick from {@link #block} (the picker's own output: filling a block stores one int per pick and
     * nothing else), maps it to its fiber (the identity while every fiber is runnable) and reads the
     * step's trace-hash word from {@link #yieldWords}, which only changes with the runnable set. An array of the picked operations instead
     * would save a load but costs a reference store per pick in {@link #drawBlock}, whose GC write barrier
     * made random steps 60% slower. Where a step did something else, its result (or what it threw) is left
     * in {@link #stopResult} ({@link #stopThrown}) and its index returned.
     *
     * @param recording whether picks go to the decision log (tested here once, not per step)
     * @return the index of the first pick that did not yield, or {@code end}
     */
    private int yields(int cursor, final int end, final boolean recording) {
        final Operation<?>[] ops = this.ops;
        final int[] block = this.block;
        final int[] runnable = this.runnable;
        final long[] yieldWords = this.yieldWords;
        final VirtualClock clock = this.clock;
        final Recorder recorder = this.recorder;
        final boolean all = runnableCount == runnable.length; // every fiber runnable: runnable[i] == i
        long h = hash.state();
        long steps = clock.steps();
        try {
            while (cursor < end) {
                final int index = block[cursor];
                if (recording) {
                    recorder.recordPick(index);
                }
                final int id = all ? index : runnable[index];
                IOResult<?> r = ops[id].step();
                if (!(r instanceof IOResult.IO<?> io && io.completion().finished())) {
                    stopResult = r;
                    break;
                }
                h = TraceHash.mix(h, yieldWords[index]); // as the general loop's yield
                clock.stepsTo(++steps);
                cursor++;
            }
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            stopThrown = e;
        } finally {
            hash.state(h); // also when anything else escapes: the hash holds every step counted so far
        }
        return cursor;
    }

    /**
     * Spreads the wall-clock time of a steady stretch over its steps {@code [from, to)} (block picks), evenly:
     * the stretch is timed once, not each step.
     */
    private void spreadWall(int from, int to, long nanos) {
        if (to <= from) {
            return;
        }
        long each = nanos / (to - from);
        for (int k = from; k < to; k++) {
            wallInOp[runnable[block[k]]] += each;
        }
    }

    /** What a yield carries for a sink: where the operation last yielded by injection, or null. */
    private Object yieldValue(int id) {
        dev.whopper.core.io.YieldPoint p = fibers[id].lastYieldPoint;
        return p == null ? null : p.name();
    }

    /** A pick's decision word: how many fibers could run, and the index picked among them. */
    private static long decision(int count, int index) {
        return ((long) count << 32) | index;
    }

    /** The trace-hash word of a step that picked {@code decision} and whose fiber {@code id} yielded. */
    private static long yieldWord(long decision, int id) {
        return decision * DECISION_MIX ^ (((long) id << 8) | R_YIELD);
    }

    /** A step of fiber {@code id} that did not yield: its decision goes into the hash, then what it returned or threw. */
    private void ended(int id, long decision, IOResult<?> r, Throwable thrown) {
        hash.mix(decision);
        if (thrown != null) {
            thrown(fibers[id], thrown);
        } else {
            result(fibers[id], r);
        }
    }

    /**
     * Adds the yield events of block picks {@code [from, to)}, taken as steps from {@code firstStep} on,
     * to the event ring, after the fact: only the last {@link EventRing#capacity()} of them can be kept,
     * so the others are only counted. The ring ends up exactly as if each had been added at its step (the
     * clock did not jump in between, and each fiber's operation kind did not change).
     */
    private void recordYields(int from, int to, long firstStep) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (sink != null) {
            for (int k = from; k < to; k++) {
                long step = firstStep + (k - from);
                int id = runnable[block[k]];
                sink.event(step, clock.nanosAtStep(step), id, fibers[id].opKind, EventKind.YIELD, yieldValue(id));
            }
        }
        int keep = Math.min(n, ring.capacity());
        ring.skip(n - keep);
        for (int k = to - keep; k < to; k++) {
            long step = firstStep + (k - from);
            int id = runnable[block[k]];
            ring.addInterned(step, clock.nanosAtStep(step), id, ringOps[id], EventKind.YIELD);
        }
    }

    /**
     * Draws a block of picks from the strategy's {@link BlockPicker} for steady state ({@code count}
     * runnable fibers that stay runnable until something changes, which ends the block): up to
     * {@link BlockPicker#MAX_BLOCK} picks at a time, so a steady step reads its pick instead of asking the
     * strategy. Picks of a block cut short were drawn all the same; that is deterministic, as is everything
     * that cuts a block short.
     */
    private void drawBlock(int count) {
        int n = picker.fill(runnable, count, this, block, blockSize);
        if (!yieldWordsValid) {
            if (picksSinceChange + n >= count) {
                // A long steady stretch: every entry, in one O(fibers) pass that the picks since pay for.
                yieldTableFills++;
                runnableSet.ids(); // a ranked set's array, materialized
                for (int index = 0; index < count; index++) {
                    yieldWords[index] = yieldWord(decision(count, index), runnable[index]);
                }
                yieldWordsValid = true;
            } else {
                runnableSet.idsAt(block, n); // the entries this block reads, right
                for (int k = 0; k < n; k++) {
                    int index = block[k];
                    yieldWords[index] = yieldWord(decision(count, index), runnable[index]);
                }
            }
        }
        picksSinceChange += n;
        blockLength = n;
    }

    /**
     * The start of a step that is not in steady state: planned work, due events and sleepers, the runnable
     * set re-collected, or an idle clock jump.
     *
     * @return runnable fibers, 0 when the run is over
     */
    private int prepareStep() {
        if (blockLength > 0 && liveness.enabled() && livenessFailed(liveness.overdue())) {
            return 0; // a block's steps are checked for liveness when it ends (at most MAX_BLOCK steps late)
        }
        if (blockLength > 0) {
            // Long steady stretches get longer blocks; one cut short starts small again (draws are not wasted).
            blockSize = blockCursor == blockLength ? Math.min(BlockPicker.MAX_BLOCK, blockSize * 2) : MIN_BLOCK;
        }
        blockLength = 0; // something changed (or the block is used up): the rest of a block is dropped
        blockCursor = 0;
        if (beforeWork && !beforeStep()) {
            return 0;
        }
        if (events != null || sleeping > 0) {
            fireDue();
        }
        if (failure != null) {
            return 0;
        }
        int count = collectRunnable();
        if (count == 0) {
            count = idle();
        }
        prepare = count == 0 || beforeWork || events != null || sleeping != 0 || waiting != 0;
        if (!prepare && count > 1 && picker != null && !properties.any()) {
            drawBlock(count); // steps that tell properties go one at a time through the general loop
        }
        return count;
    }

    /** The strategy's pick among {@code count >= 2} runnable fibers, checked. */
    private int pick(int count) {
        int index = strategy.pick(runnable, count, this);
        if (index < 0 || index >= count) {
            throw new IllegalStateException("strategy " + strategy.name() + " picked " + index + " of " + count);
        }
        return index;
    }

    private boolean beforeStep() {
        try {
            return crashPlan.beforeStep();
        } finally {
            updateBeforeWork();
        }
    }

    /** Nobody can run: jump the clock to the next event or wake-up. @return runnable fibers, 0 when the run is over */
    private int idle() {
        int idle = 0;
        int count = 0;
        while (count == 0) {
            if (live == 0) {
                return 0;
            }
            long next = nextWakeNanos();
            if (next == Long.MAX_VALUE) {
                failure = liveness.deadlock();
                prepare = true;
                return 0;
            }
            LivenessMonitor.checkIdleJumps(++idle);
            clock.advanceTo(next);
            timeJumps++;
            hash.mix(0x7100_0000_0000_0000L ^ clock.nowNanos());
            fireDue();
            if (failure != null || (liveness.enabled() && livenessFailed(liveness.overdue()))) {
                return 0;
            }
            count = collectRunnable();
        }
        return count;
    }

    private boolean afterStepChecks(int fiber) {
        if (!properties.afterStep(fiber)) {
            return false;
        }
        if (liveness.enabled() && livenessFailed(liveness.afterStep())) {
            return false;
        }
        return live > 0;
    }

    /** @param overdue the monitor's finding, or null @return true when it is a failure (now recorded) */
    private boolean livenessFailed(Outcome.Liveness overdue) {
        if (overdue == null) {
            return false;
        }
        failure = overdue;
        prepare = true;
        return true;
    }

    private void fireDue() {
        if (events != null) {
            fireEvents();
        }
        if (sleeping > 0) {
            wakeSleepers();
        }
    }

    /**
     * Every fiber is done but I/O is still in flight: lets it finish (the clock jumps from one due event to the
     * next, at most {@value #DRAIN_MAX_EVENTS} times and {@value #DRAIN_MAX_NANOS} ns), so that a callback
     * that fires after its operation returned (a late acknowledgement, a write completing after its commit was
     * reported) runs before the end-of-run checks.
     *
     * @return null when everything finished (or a callback failed the run), else INCOMPLETE
     */
    private Outcome drain() {
        long from = clock.nowNanos();
        for (int jumps = 0; jumps < DRAIN_MAX_EVENTS && failure == null && events.pendingEvents() > 0; jumps++) {
            long next = events.nextDueNanos();
            if (next == Long.MAX_VALUE || next - from > DRAIN_MAX_NANOS) {
                break;
            }
            clock.advanceTo(Math.max(next, clock.nowNanos()));
            hash.mix(0xD4A1_0000_0000_0000L ^ clock.nowNanos());
            fireEvents();
        }
        if (failure != null || events.pendingEvents() == 0) {
            return null;
        }
        return new Outcome.Incomplete(Outcome.Incomplete.IO_IN_FLIGHT, clock.steps(), clock.nowNanos(),
            List.of(events.pendingEvents() + " I/O request(s) or timer(s) still pending after draining for "
                + (clock.nowNanos() - from) + " ns"), properties.endChecks());
    }

    /** Events drained at most after every fiber is done. */
    static final int DRAIN_MAX_EVENTS = 1_000_000;
    /** Simulated time drained at most after every fiber is done: 60 s. */
    static final long DRAIN_MAX_NANOS = 60_000_000_000L;

    private void fireEvents() {
        if (events.pendingEvents() > 0) {
            try {
                events.fireDue();
            } catch (PropertyViolation pv) {
                fail(pv.violation(), -1);
            } catch (RuntimeException | AssertionError e) {
                if (Blame.fromToolCode(e)) {
                    throw e;
                }
                // A completion callback of the code under test threw while the disk finished its request.
                fail(new Violation(Blame.UNCAUGHT_EXCEPTION, "a completion callback threw " + e), -1);
            }
        }
    }

    /**
     * Wakes every sleeper due by now, in ascending id order (as a scan by id did: a sleep's completion may
     * have waiters of the code under test): each is BLOCKED on its finished sleep, runnable at the next
     * collection.
     */
    private void wakeSleepers() {
        long now = clock.nowNanos();
        int n = 0;
        while (sleepers.size() > 0 && sleepers.nextWakeNanos() <= now) {
            int id = sleepers.peek();
            sleepers.remove(id);
            dueSleepers[n++] = id;
        }
        if (n > 1) {
            java.util.Arrays.sort(dueSleepers, 0, n);
        }
        for (int k = 0; k < n; k++) {
            Fiber f = fibers[dueSleepers[k]];
            f.state = FiberState.BLOCKED;
            sleeping--;
            f.blockedOn.succeed();
            runnableSet.touch(f.id);
        }
    }

    /** Fiber {@code f}'s state changed in a step: the runnable set is brought up to date before the next. */
    private void markDirty(Fiber f) {
        runnableSet.touch(f.id);
        prepare = true;
    }

    /**
     * Completion {@code c}, on which fiber {@code f} once blocked, finished (its waiter): when {@code f} still
     * waits for it, {@code f} becomes runnable at the next collection, as when every collection looked at
     * every blocked fiber. Sets no flag: while a fiber is BLOCKED every step collects anyway.
     */
    void completionFinished(Fiber f, Completion c) {
        if (f.state == FiberState.BLOCKED && f.blockedOn == c) {
            runnableSet.touch(f.id);
        }
    }

    /** The runnable set's membership test: a BLOCKED fiber whose completion finished is made RUNNABLE. */
    private boolean admit(int id) {
        Fiber f = fibers[id];
        if (f.state == FiberState.BLOCKED && f.blockedOn.finished()) {
            f.state = FiberState.RUNNABLE;
            f.blockedOn = null;
            waiting--;
        }
        return f.state == FiberState.RUNNABLE;
    }

    /**
     * Brings the runnable set up to date with the fibers touched since the last collection (a fiber that
     * blocked, slept or finished in a step, a blocked fiber whose completion finished, a woken sleeper, a
     * fiber a crash abandoned), or with every fiber when many were touched: the same ascending ids a scan
     * of every fiber would collect, without the scan.
     *
     * @return how many are runnable
     */
    private int collectRunnable() {
        if (!runnableSet.pending()) {
            return runnableCount; // nobody changed state since the last collection
        }
        if (runnableSet.wantsRebuild()) {
            runnableSet.rebuild(admit);
        } else {
            runnableSet.apply(admit);
        }
        runnableCount = runnableSet.count();
        yieldWordsValid = false;
        picksSinceChange = 0;
        return runnableCount;
    }

    private long nextWakeNanos() {
        long next = events == null ? Long.MAX_VALUE : events.nextDueNanos();
        return Math.min(next, sleepers.nextWakeNanos());
    }

    private void thrown(Fiber f, Throwable e) {
        if (e instanceof PropertyViolation pv) {
            fail(pv.violation(), f.id);
        } else if (e instanceof IOFailureException) {
            finishOp(f, new OpResult.Failed(e), R_FAILED, EventKind.FAILED, e);
        } else {
            finishOp(f, new OpResult.Failed(e), R_FAILED, EventKind.FAILED, e);
            if (failure == null) {
                fail(new Violation(Blame.UNCAUGHT_EXCEPTION, "operation " + f.opKind + " of fiber " + f.id + " threw " + e), f.id);
            }
        }
    }

    private void result(Fiber f, IOResult<?> r) {
        if (r == null) {
            fail(new Violation(Blame.UNCAUGHT_EXCEPTION, "operation " + f.opKind + " of fiber " + f.id + " returned null"), f.id);
            return;
        }
        if (r.isIo()) {
            Completion c = r.completion();
            if (c == f.sleepCompletion) {
                f.state = FiberState.SLEEPING;
                f.blockedOn = c;
                f.sleepCompletion = null;
                sleeping++;
                waiting++;
                sleepers.add(f.id, f.wakeAtNanos);
                markDirty(f);
                hash.mix(((long) f.id << 8) | R_SLEEP);
                hash.mix(f.wakeAtNanos);
                ring.add(clock.steps(), clock.nowNanos(), f.id, ringOp(f), EventKind.SLEEP);
                if (sink != null) {
                    sink.event(clock.steps(), clock.nowNanos(), f.id, f.opKind, EventKind.SLEEP, "until " + f.wakeAtNanos + " ns");
                }
            } else {
                f.state = FiberState.BLOCKED;
                f.blockedOn = c;
                waiting++;
                markDirty(f);
                c.onFinish(f);
                hash.mix(((long) f.id << 8) | R_BLOCKED);
                ring.add(clock.steps(), clock.nowNanos(), f.id, ringOp(f), EventKind.BLOCKED);
                if (sink != null) {
                    sink.event(clock.steps(), clock.nowNanos(), f.id, f.opKind, EventKind.BLOCKED, c);
                }
            }
        } else {
            Object value = r.value();
            hash.mix(ValueHash.of(value));
            finishOp(f, new OpResult.Ok(value), R_DONE, EventKind.DONE, value);
        }
    }

    private void finishOp(Fiber f, OpResult result, int code, EventKind kind, Object value) {
        hash.mix(((long) f.id << 8) | code);
        ring.add(clock.steps(), clock.nowNanos(), f.id, ringOp(f), kind);
        if (sink != null) {
            sink.event(clock.steps(), clock.nowNanos(), f.id, f.opKind, kind, value);
        }
        opCounts.finished(f.opKindIndex, code == R_FAILED);
        latency.finished(f.opKindIndex, f.id, f.opStartNanos, clock.nowNanos());
        if (wallClock) {
            latency.wall(f.opKindIndex, wallInOp[f.id]);
            wallInOp[f.id] = 0;
        }
        Operation<?> op = ops[f.id];
        ops[f.id] = null;
        liveness.opEnded(f);
        if (properties.opFinish(f.id, op, result)) {
            nextOp(f);
        }
    }

    private void nextOp(Fiber f) {
        Operation<?> next;
        try {
            next = f.program.next();
        } catch (PropertyViolation pv) {
            fail(pv.violation(), f.id);
            return;
        } catch (RuntimeException e) {
            fail(new Violation(Blame.UNCAUGHT_EXCEPTION, "program of fiber " + f.id + " threw " + e), f.id);
            return;
        }
        if (next == null) {
            markDirty(f);
            f.state = FiberState.DONE;
            f.opKind = "";
            ringOps[f.id] = EventRing.NO_OP;
            live--;
            return;
        }
        ops[f.id] = next;
        f.opsStarted++;
        liveness.opEnded(f); // a program may start an operation while the last is in flight (a reconnect)
        String kind = next.kind();
        if (f.opKind != kind) {
            f.opKind = kind; // a reference store (a GC barrier) only when the kind changes
        }
        int k = opCounts.kindIndex(kind);
        f.opKindIndex = k;
        if (k == latency.kinds()) {
            newKind(k, kind);
        }
        ringOps[f.id] = kindRingIds[k];
        f.opStartNanos = clock.nowNanos();
        liveness.opStarted(f);
        f.yieldsThisOp = 0;
        f.lastYieldPoint = null;
        hash.mix(0x5700_0000_0000_0000L ^ ((long) f.id << 32) ^ kindHashes[k]);
        ring.add(clock.steps(), clock.nowNanos(), f.id, ringOp(f), EventKind.OP_START);
        if (sink != null) {
            sink.event(clock.steps(), clock.nowNanos(), f.id, kind, EventKind.OP_START, Described.of(next));
        }
        properties.opStart(f.id, next);
    }

    /**
     * @return the event-ring id of fiber {@code f}'s operation in flight: {@code ringOps[f.id]}, read from the
     *         fiber's kind index instead, whose cache line the step has loaded already
     */
    private int ringOp(Fiber f) {
        return kindRingIds[f.opKindIndex];
    }

    /** Kind {@code k} started for the first time: its latency slot, event-ring id and trace-hash word, once. */
    private void newKind(int k, String kind) {
        latency.kind(k, kind);
        if (k == kindHashes.length) {
            kindHashes = java.util.Arrays.copyOf(kindHashes, 2 * k);
            kindRingIds = java.util.Arrays.copyOf(kindRingIds, 2 * k);
        }
        kindHashes[k] = Fnv1a.hash64(kind);
        kindRingIds[k] = ring.opId(kind);
    }

    boolean decideYield(Fiber f) {
        if (config.yieldRate() <= 0 || f.yieldsThisOp >= config.yieldCapPerOp()) {
            return false;
        }
        if (f.yieldRandom == null && !recorder.replaying()) {
            f.yieldRandom = streams.yields(f.id);
        }
        boolean yield = recorder.replaying() ? recorder.replayNext(2) == 1 : f.yieldRandom.chance(config.yieldRate());
        recorder.record(yield ? 1 : 0, 2);
        if (yield) {
            f.yieldsThisOp++;
            yieldsInjected++;
        }
        return yield;
    }

    private void fail(Violation v, int fiber) {
        if (failure == null) {
            failure = new Outcome.Violation(v.property(), v.message(), clock.steps(), clock.nowNanos(), fiber, v.blamed());
            prepare = true;
        }
    }

    // ---- for the crash plan ----

    /** @return the fibers, by id */
    Fiber[] fibers() {
        return fibers;
    }

    /**
     * A crash abandons fiber {@code f} (not DONE): it is RUNNABLE again, with no operation in flight.
     *
     * @return the operation it had in flight, or null
     */
    Operation<?> abandon(Fiber f) {
        if (f.state == FiberState.SLEEPING) {
            sleeping--;
            sleepers.remove(f.id);
        }
        if (f.state == FiberState.BLOCKED || f.state == FiberState.SLEEPING) {
            waiting--;
        }
        Operation<?> op = ops[f.id];
        ops[f.id] = null;
        liveness.opEnded(f);
        if (wallClock) {
            wallInOp[f.id] = 0; // an abandoned operation never finishes: its time is not recorded
        }
        f.blockedOn = null;
        f.state = FiberState.RUNNABLE;
        markDirty(f);
        return op;
    }

    /** After a recovery, fiber {@code f} (not DONE) reconnects: a fresh program, and its first operation. */
    void reconnect(Fiber f) {
        f.program = factory.create(f);
        nextOp(f);
    }

    /**
     * @param faultsByKind faults injected so far, per kind
     * @return the counters
     */
    public Counters counters(Map<String, Long> faultsByKind) {
        return new Counters(clock.steps(), clock.nowNanos(), recorder.decisions() + clock.steps() - singleChoiceSteps,
            opCounts.perKind(), opCounts.failed(), yieldsInjected, timeJumps, faultsByKind, crashPlan.crashes());
    }
}
