package dev.whopper.sim.sched;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.Counters;
import dev.whopper.sim.EventSource;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import dev.whopper.workloads.spi.Operation;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.random.Fnv1a;
import dev.whopper.sim.random.Xoshiro256StarStar;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.strategy.RandomStrategy;
import dev.whopper.sim.strategy.RoundRobinStrategy;
import dev.whopper.sim.strategy.SchedulerView;
import dev.whopper.sim.strategy.Strategy;
import dev.whopper.sim.strategy.SwarmStrategy;
import dev.whopper.sim.trace.DecisionLog;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.EventRing;
import dev.whopper.sim.trace.Recorder;
import dev.whopper.sim.trace.TraceHash;
import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.property.PropertyViolation;
import dev.whopper.workloads.property.RunEnd;
import dev.whopper.workloads.property.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs fibers one step at a time, deterministically.
 *
 * <p>A step: fire the event source's due completions and wake due sleepers; collect the runnable fibers
 * (ascending ids; a BLOCKED fiber whose completion finished is runnable again); when none is runnable
 * but events are pending or fibers sleep, jump the clock to the earliest of them; when nothing is
 * pending at all, the run is a DEADLOCK. Otherwise the strategy picks a fiber (recorded when there was
 * a choice), its operation's {@code step()} is called once, the result is recorded and hashed, properties
 * are told, and the clock advances by the step cost.
 *
 * <p>Steady state: while every live fiber stays runnable and there are no events, sleepers or planned
 * work, the first half of a step (events, sleepers, re-collection) has nothing to do, and a single flag
 * ({@code prepare}) says so; anything that changes state sets it. Steady steps run in one innermost loop
 * ({@link #runSteps}), and the random and round-robin strategies pick for them a block at a time. The pick
 * and a yield's result go into the trace hash as one mixed word. How a run is split into
 * {@code runSteps} calls never changes it.
 *
 * <p>Failures of the code under test (a violated property, an operation throwing anything but an
 * {@link IOFailureException}) end the run as VIOLATION; an exception from the scheduler itself or from a
 * property checker is an INTERNAL_ERROR. The hot path allocates nothing.
 */
public final class Scheduler implements SchedulerView {
    /** The built-in property an operation that throws (anything but an I/O failure) violates. */
    public static final String UNCAUGHT_EXCEPTION = "no-uncaught-exception";

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
    private static final int IDLE_JUMP_BOUND = 10_000_000;

    private final SchedulerConfig config;
    private final VirtualClock clock;
    private final Recorder recorder;
    private final TraceHash hash;
    private final Strategy strategy;
    private final EventSource events;
    private final IO io;
    private final Property[] properties;
    private final FiberFactory factory;
    private final Fiber[] fibers;
    private final int[] runnable;
    /** Each fiber's operation in flight (null when none), by fiber id: the hot path never loads a Fiber. */
    final Operation<?>[] ops;
    /** Each fiber's operation kind id in the event ring, by fiber id. */
    private final int[] ringOps;
    private final EventRing ring;
    private final long livenessTimeoutNanos;
    /** Round-robin, resolved once, so its pick is called without an interface dispatch. */
    private final boolean roundRobin;
    /** The random strategy's generator, drawn from directly; null for any other strategy. */
    private final Xoshiro256StarStar randomGenerator;
    private static final int BLOCK = 256;
    private static final int MIN_BLOCK = 4; // a multiple of 4: a block takes up to four picks from each output
    /** Up to this many runnable fibers, a pick takes 16 bits of an output (a block ends early < 0.4% of picks). */
    private static final int QUARTER_PICK_MAX = 256;
    /** How many picks the next block draws: doubles while blocks are used up, back to the minimum when not. */
    private int blockSize = MIN_BLOCK;
    /** Steady state's block of picks (see {@link #drawBlock}); null unless the strategy is random or round-robin. */
    private final long[] block;
    /** Each pick's trace-hash word for a yield. */
    private final long[] blockHash;
    /** The generator's outputs behind a block, drawn in one call. */
    private final long[] draws; // BLOCK / 2 outputs: at least two picks each
    /** Picks in {@link #block} for the coming steady steps (0 outside steady state), and the next one. */
    private int blockLength;
    private int blockCursor;
    /** What the step that ended {@link #yields}'s loop returned (or threw) instead of a yield. */
    private IOResult<?> stopResult;
    private Throwable stopThrown;
    private final DecisionLog log;
    /** Steps where only one fiber could run (no decision): picks = steps - these. */
    private long singleChoiceSteps;
    /** Properties to tell after each step or a liveness check: the step's cold tail. */
    private final boolean afterChecks;
    private final LinkedHashMap<String, Integer> kindIndex = new LinkedHashMap<>();
    private final List<String> kindNames = new ArrayList<>();
    private long[] opsPerKind = new long[8];

    private double[] workloadWeights = new double[0];
    private Runnable faultsEndAction;
    private boolean faultsEnded;
    private long[] crashSteps = new long[0];
    private int nextCrash;
    private Runnable crashAction;
    private Runnable recoverAction;
    /** A crash is planned or the faults-end action has not run: {@link #beforeStep()} has work. */
    private boolean beforeWork;
    private boolean started;
    private int lastFiber = -1;
    private int live;
    private int sleeping;
    /** Fibers BLOCKED or SLEEPING: while 0 and nothing changed state, the runnable set is unchanged. */
    private int waiting;
    private boolean runnableDirty = true;
    /**
     * The next step must go through {@link #prepareStep()}: something changed state, work is planned, events
     * or sleepers exist, or fibers wait. False only in steady state, where a step needs one check.
     */
    private boolean prepare = true;
    private int runnableCount;
    private Outcome failure;
    private long opsFailed;
    private long yieldsInjected;
    private long timeJumps;
    private long crashes;

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
        this.properties = properties.toArray(new Property[0]);
        this.factory = Objects.requireNonNull(factory, "factory");
        if (fiberCount <= 0) {
            throw new IllegalArgumentException("fibers: " + fiberCount + " (expected: > 0)");
        }
        fibers = new Fiber[fiberCount];
        for (int i = 0; i < fiberCount; i++) {
            fibers[i] = new Fiber(i, this, streams.fiber(i), streams.yields(i));
        }
        runnable = new int[fiberCount];
        ops = new Operation<?>[fiberCount];
        ringOps = new int[fiberCount];
        ring = new EventRing(config.eventsKept());
        livenessTimeoutNanos = config.livenessTimeoutNanos();
        afterChecks = this.properties.length > 0 || livenessTimeoutNanos > 0;
        Strategy inner = strategy instanceof SwarmStrategy swarm ? swarm.delegate() : strategy;
        randomGenerator = inner instanceof RandomStrategy r ? r.generator() : null;
        roundRobin = inner instanceof RoundRobinStrategy;
        boolean blocks = randomGenerator != null || roundRobin;
        block = blocks ? new long[BLOCK] : null;
        blockHash = blocks ? new long[BLOCK] : null;
        draws = randomGenerator != null ? new long[BLOCK / 2] : null;
        log = recorder.log();
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
        if (index < 0 || index >= dev.whopper.sim.strategy.SwarmStrategy.WEIGHTS) {
            throw new IllegalArgumentException("index: " + index + " (expected: 0.."
                + (dev.whopper.sim.strategy.SwarmStrategy.WEIGHTS - 1) + ")");
        }
        return index < workloadWeights.length ? workloadWeights[index] : 1.0;
    }

    /**
     * @param action run once, at the first step at or after {@link SchedulerConfig#faultsEndNanos()}
     *               (e.g. switch the simulated disk's faults off)
     */
    public void onFaultsEnd(Runnable action) {
        this.faultsEndAction = Objects.requireNonNull(action, "action");
        updateBeforeWork();
    }

    /**
     * Plans crashes: before the first step numbered at or after each of {@code steps}, the run crashes and
     * recovers ({@link #crashAndRecover}).
     *
     * @param steps   ascending step numbers
     * @param crash   what a crash does
     * @param recover how the system comes back
     */
    public void planCrashes(long[] steps, Runnable crash, Runnable recover) {
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] < steps[i - 1]) {
                throw new IllegalArgumentException("steps: not ascending at index " + i);
            }
        }
        this.crashSteps = steps.clone();
        this.crashAction = Objects.requireNonNull(crash, "crash");
        this.recoverAction = Objects.requireNonNull(recover, "recover");
        updateBeforeWork();
    }

    private void updateBeforeWork() {
        beforeWork = nextCrash < crashSteps.length || (!faultsEnded && faultsEndAction != null);
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
            if (failure == null) {
                RunEnd end = new RunEnd(live == 0, clock.steps(), clock.nowNanos());
                for (Property p : properties) {
                    Violation v;
                    try {
                        v = p.onEnd(end);
                    } catch (PropertyViolation pv) {
                        v = pv.violation();
                    } catch (RuntimeException e) {
                        return internal("property " + p.name() + " threw in onEnd: " + e, e);
                    }
                    if (v != null) {
                        fail(v, -1);
                        break;
                    }
                }
            }
            return failure != null ? failure : new Outcome.Passed(live == 0);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            if (failure == null && !fromToolCode(e)) {
                // Thrown by code under test outside an operation's step: a program factory, a recovery.
                fail(new Violation(UNCAUGHT_EXCEPTION, "code under test threw " + e), -1);
                return failure;
            }
            return internal("simulator failed: " + e, e);
        }
    }

    private Outcome internal(String message, Throwable e) {
        if (!(failure instanceof Outcome.InternalError)) {
            failure = new Outcome.InternalError(message, e, clock.steps());
            prepare = true;
        }
        return failure;
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
        final int[] runnable = this.runnable;
        final Operation<?>[] ops = this.ops;
        final TraceHash hash = this.hash;
        final VirtualClock clock = this.clock;
        final DecisionLog log = this.log;
        final EventRing ring = this.ring;
        final int[] ringOps = this.ringOps;
        final long[] block = this.block;
        int i = 0;
        while (i < n) {
            if (prepare && prepareStep() == 0) {
                return false;
            }
            // Steady steps until something needs preparing: an innermost loop with no loop inlined into it.
            int cursor = blockCursor;
            final int blockEnd = blockLength;
            if (cursor < blockEnd) {
                // Random or round-robin in steady state: yields over the block's picks (a loop of its own, see
                // yields). A step that does anything but yield ends it and gets the general handling here.
                final int start = cursor;
                final long firstStep = clock.steps();
                final int end = cursor + Math.min(blockEnd - cursor, n - i);
                cursor = yields(cursor, end, log);
                IOResult<?> r = stopResult;
                Throwable thrown = stopThrown;
                stopResult = null;
                stopThrown = null;
                recordYields(start, cursor, firstStep);
                i += cursor - start;
                int id = cursor < end ? (int) block[cursor] : (int) block[cursor - 1]; // the last fiber stepped
                lastFiber = id;
                if (cursor < end) {
                    // The step at the cursor did something else than yield: the general handling.
                    ended(id, decision(runnableCount, (int) (block[cursor] >>> 32)), r, thrown);
                    clock.step();
                    cursor++;
                    i++;
                    if (prepare && (failure != null || live == 0)) {
                        blockCursor = cursor;
                        return false;
                    }
                }
                if (cursor == blockEnd) {
                    prepare = true;
                }
                blockCursor = cursor;
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
                int id = runnable[index];
                if (decision != 0) {
                    if (log != null) {
                        log.append(index);
                    }
                } else {
                    singleChoiceSteps++;
                }
                IOResult<?> r = null;
                Throwable thrown = null;
                try {
                    r = ops[id].step();
                } catch (RuntimeException | AssertionError | StackOverflowError e) {
                    thrown = e;
                }
                if (r instanceof IOResult.IO<?> io && io.completion().finished()) {
                    hash.mix(yieldWord(decision, id));
                    ring.addInterned(clock.steps(), clock.nowNanos(), id, ringOps[id], EventKind.YIELD);
                } else {
                    ended(id, decision, r, thrown);
                }
                lastFiber = id;
                clock.step();
                if (prepare && (failure != null || live == 0) || afterChecks && !afterStepChecks(id)) {
                    return false;
                }
            } while (++i < n && !prepare);
        }
        return true;
    }

    /**
     * Steady steps over block picks {@code [cursor, end)} while each yields: the innermost loop, in a method
     * of its own so that its few values stay in registers (inside {@link #runSteps} the JIT spilled the
     * arrays, the clock and the hash and reloaded them every step), with the trace hash in a local. It reads
     * each pick's fiber from {@link #block} and indexes {@link #ops} with it; an array of the picked
     * operations instead would save that bounds check but costs a reference store per pick in
     * {@link #drawBlock}, whose GC write barrier made random steps 60% slower. Where a step did something
     * else, its result (or what it threw) is left in {@link #stopResult} ({@link #stopThrown}) and its index
     * returned.
     *
     * @return the index of the first pick that did not yield, or {@code end}
     */
    private int yields(int cursor, final int end, final DecisionLog log) {
        final Operation<?>[] ops = this.ops;
        final long[] blockHash = this.blockHash;
        final long[] block = this.block;
        final VirtualClock clock = this.clock;
        long h = hash.state();
        long steps = clock.steps();
        try {
            while (cursor < end) {
                if (log != null) {
                    log.append((int) (block[cursor] >>> 32));
                }
                IOResult<?> r = ops[(int) block[cursor]].step();
                if (!(r instanceof IOResult.IO<?> io && io.completion().finished())) {
                    stopResult = r;
                    break;
                }
                h = TraceHash.mix(h, blockHash[cursor]);
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
        int keep = Math.min(n, ring.capacity());
        ring.skip(n - keep);
        for (int k = to - keep; k < to; k++) {
            long step = firstStep + (k - from);
            int id = (int) block[k];
            ring.addInterned(step, clock.nanosAtStep(step), id, ringOps[id], EventKind.YIELD);
        }
    }

    private void setPick(int k, int count, int index) {
        int id = count == runnable.length ? index : runnable[index]; // every fiber runnable: runnable[i] == i
        block[k] = ((long) index << 32) | id;
        blockHash[k] = yieldWord(decision(count, index), id); // as the general loop's yield
    }

    /**
     * Draws a block of the random (or round-robin) strategy's picks for steady state ({@code count}
     * runnable fibers that stay runnable until something changes, which ends the block): up to
     * {@value #BLOCK} picks at a time, each {@code index << 32 | fiber} with its trace-hash word, so a
     * steady step reads two words instead of drawing. Draws of a block
     * cut short are spent all the same; that is deterministic, as is everything that cuts a block short.
     */
    private void drawBlock(int count) {
        int size = blockSize;
        if (roundRobin) {
            // The same picks as one at a time: the runnable set is fixed, so they cycle through it in order.
            int index = RoundRobinStrategy.after(runnable, count, lastFiber, fibers.length);
            for (int k = 0; k < size; k++) {
                setPick(k, count, index);
                index = index + 1 == count ? 0 : index + 1;
            }
            blockLength = size;
            return;
        }
        final long[] draws = this.draws;
        int k = 0;
        if (count <= QUARTER_PICK_MAX) {
            // Four 16-bit picks per 64-bit output (Lemire's method on 16 bits; a quarter that it might reject,
            // probability < count / 2^16, ends the block before it).
            final int outputs = Math.min(size >>> 2, draws.length);
            randomGenerator.fill(draws, outputs);
            pick:
            for (int j = 0; j < outputs; j++) {
                long draw = draws[j];
                for (int shift = 48; shift >= 0; shift -= 16) {
                    long m = ((draw >>> shift) & 0xFFFF) * count;
                    if ((m & 0xFFFF) < count) {
                        break pick;
                    }
                    setPick(k++, count, (int) (m >>> 16));
                }
            }
        } else {
            final int outputs = Math.min(size >>> 1, draws.length);
            randomGenerator.fill(draws, outputs);
            for (int j = 0; j < outputs; j++) {
                // Two 32-bit picks per output (every bit of xoshiro256** is good): its high half, then its low.
                long draw = draws[j];
                long high = (draw >>> 32) * count;
                long low = (draw & 0xFFFF_FFFFL) * count;
                if ((high & 0xFFFF_FFFFL) < count || (low & 0xFFFF_FFFFL) < count) {
                    break; // Lemire might reject one of them (probability < count / 2^31): the block ends here
                }
                setPick(k, count, (int) (high >>> 32));
                setPick(k + 1, count, (int) (low >>> 32));
                k += 2;
            }
        }
        if (k == 0) {
            setPick(k++, count, randomGenerator.nextInt(count));
        }
        blockLength = k;
    }

    /**
     * The start of a step that is not in steady state: planned work, due events and sleepers, the runnable
     * set re-collected, or an idle clock jump.
     *
     * @return runnable fibers, 0 when the run is over
     */
    private int prepareStep() {
        if (blockLength > 0) {
            // Long steady stretches get longer blocks; one cut short starts small again (draws are not wasted).
            blockSize = blockCursor == blockLength ? Math.min(BLOCK, blockSize * 2) : MIN_BLOCK;
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
        prepare = count == 0 || beforeWork || events != null || sleeping != 0 || waiting != 0 || runnableDirty;
        if (!prepare && count > 1 && block != null && !afterChecks) {
            drawBlock(count); // steps that tell properties go one at a time through the general loop
        }
        return count;
    }

    /** The strategy's pick among {@code count >= 2} runnable fibers; the common strategies without dispatch. */
    private int pick(int count) {
        if (randomGenerator != null) {
            return randomGenerator.nextInt(count);
        } else if (roundRobin) {
            return RoundRobinStrategy.after(runnable, count, lastFiber, fibers.length);
        }
        int index = strategy.pick(runnable, count, this);
        if (index < 0 || index >= count) {
            throw new IllegalStateException("strategy " + strategy.name() + " picked " + index + " of " + count);
        }
        return index;
    }

    private boolean beforeStep() {
        try {
            if (nextCrash < crashSteps.length && clock.steps() >= crashSteps[nextCrash]) {
                nextCrash++;
                if (!crashAndRecover(crashAction, recoverAction)) {
                    return false;
                }
            }
            if (!faultsEnded && faultsEndAction != null && clock.nowNanos() >= config.faultsEndNanos()) {
                faultsEnded = true;
                faultsEndAction.run();
                hash.mix(0xFE00_0000_0000_0000L ^ clock.nowNanos());
                ring.add(clock.steps(), clock.nowNanos(), -1, EventRing.NO_OP, EventKind.FAULTS_END);
            }
            return true;
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
                failure = deadlock();
                prepare = true;
                return 0;
            }
            if (++idle > IDLE_JUMP_BOUND) {
                throw new IllegalStateException("no fiber became runnable after " + IDLE_JUMP_BOUND + " clock jumps");
            }
            clock.advanceTo(next);
            timeJumps++;
            hash.mix(0x7100_0000_0000_0000L ^ clock.nowNanos());
            fireDue();
            if (failure != null || (livenessTimeoutNanos > 0 && checkLiveness())) {
                return 0;
            }
            count = collectRunnable();
        }
        return count;
    }

    private boolean afterStepChecks(int fiber) {
        if (properties.length > 0 && !afterStep(fiber)) {
            return false;
        }
        if (livenessTimeoutNanos > 0 && (clock.steps() & 63) == 0 && checkLiveness()) {
            return false;
        }
        return live > 0;
    }

    private void fireDue() {
        if (events != null) {
            fireEvents();
        }
        if (sleeping > 0) {
            wakeSleepers();
        }
    }

    private void fireEvents() {
        if (events.pendingEvents() > 0) {
            try {
                events.fireDue();
            } catch (PropertyViolation pv) {
                fail(pv.violation(), -1);
            } catch (RuntimeException | AssertionError e) {
                if (fromToolCode(e)) {
                    throw e;
                }
                // A completion callback of the code under test threw while the disk finished its request.
                fail(new Violation(UNCAUGHT_EXCEPTION, "a completion callback threw " + e), -1);
            }
        }
    }

    /**
     * Tells a tool bug from a failure of the code under test by where the exception was thrown: the first
     * stack frame outside the JDK belongs to the simulator ({@code dev.whopper.sim} or its command line,
     * {@code dev.whopper.cli}). Workloads, the engine and user code are code under test wherever they live:
     * the rule names the simulator's packages, never a workload's.
     *
     * @param e an exception
     * @return true when the simulator threw it
     */
    public static boolean fromToolCode(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            return c.startsWith("dev.whopper.sim.") || c.startsWith("dev.whopper.cli.");
        }
        return true;
    }

    private void wakeSleepers() {
        long now = clock.nowNanos();
        for (Fiber f : fibers) {
            if (f.state == FiberState.SLEEPING && f.wakeAtNanos <= now) {
                f.state = FiberState.BLOCKED;
                sleeping--;
                f.blockedOn.succeed();
            }
        }
    }

    private void markDirty() {
        runnableDirty = true;
        prepare = true;
    }

    private int collectRunnable() {
        if (!runnableDirty && waiting == 0) {
            return runnableCount; // steady state: every live fiber runnable, nobody changed state
        }
        int n = 0;
        for (Fiber f : fibers) {
            FiberState s = f.state;
            if (s == FiberState.RUNNABLE) {
                runnable[n++] = f.id;
            } else if (s == FiberState.BLOCKED && f.blockedOn.finished()) {
                f.state = FiberState.RUNNABLE;
                f.blockedOn = null;
                waiting--;
                runnable[n++] = f.id;
            }
        }
        runnableDirty = false;
        runnableCount = n;
        return n;
    }

    private long nextWakeNanos() {
        long next = events == null ? Long.MAX_VALUE : events.nextDueNanos();
        if (sleeping > 0) {
            for (Fiber f : fibers) {
                if (f.state == FiberState.SLEEPING && f.wakeAtNanos < next) {
                    next = f.wakeAtNanos;
                }
            }
        }
        return next;
    }

    private void thrown(Fiber f, Throwable e) {
        if (e instanceof PropertyViolation pv) {
            fail(pv.violation(), f.id);
        } else if (e instanceof IOFailureException) {
            finishOp(f, new OpResult.Failed(e), R_FAILED, EventKind.FAILED);
        } else {
            finishOp(f, new OpResult.Failed(e), R_FAILED, EventKind.FAILED);
            if (failure == null) {
                fail(new Violation(UNCAUGHT_EXCEPTION, "operation " + f.opKind + " of fiber " + f.id + " threw " + e), f.id);
            }
        }
    }

    private void result(Fiber f, IOResult<?> r) {
        if (r == null) {
            fail(new Violation(UNCAUGHT_EXCEPTION, "operation " + f.opKind + " of fiber " + f.id + " returned null"), f.id);
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
                markDirty();
                hash.mix(((long) f.id << 8) | R_SLEEP);
                hash.mix(f.wakeAtNanos);
                ring.add(clock.steps(), clock.nowNanos(), f.id, ringOps[f.id], EventKind.SLEEP);
            } else {
                f.state = FiberState.BLOCKED;
                f.blockedOn = c;
                waiting++;
                markDirty();
                hash.mix(((long) f.id << 8) | R_BLOCKED);
                ring.add(clock.steps(), clock.nowNanos(), f.id, ringOps[f.id], EventKind.BLOCKED);
            }
        } else {
            Object value = r.value();
            hash.mix(valueHash(value));
            finishOp(f, new OpResult.Ok(value), R_DONE, EventKind.DONE);
        }
    }

    private void finishOp(Fiber f, OpResult result, int code, EventKind kind) {
        hash.mix(((long) f.id << 8) | code);
        ring.add(clock.steps(), clock.nowNanos(), f.id, ringOps[f.id], kind);
        opsPerKind[f.opKindIndex]++;
        if (code == R_FAILED) {
            opsFailed++;
        }
        Operation<?> op = ops[f.id];
        ops[f.id] = null;
        for (Property p : properties) {
            Violation v;
            try {
                v = p.onOpFinish(f.id, op, result);
            } catch (PropertyViolation pv) {
                v = pv.violation();
            } catch (RuntimeException e) {
                internal("property " + p.name() + " threw in onOpFinish: " + e, e);
                return;
            }
            if (v != null) {
                fail(v, f.id);
                return;
            }
        }
        nextOp(f);
    }

    private void nextOp(Fiber f) {
        Operation<?> next;
        try {
            next = f.program.next();
        } catch (PropertyViolation pv) {
            fail(pv.violation(), f.id);
            return;
        } catch (RuntimeException e) {
            fail(new Violation(UNCAUGHT_EXCEPTION, "program of fiber " + f.id + " threw " + e), f.id);
            return;
        }
        if (next == null) {
            markDirty();
            f.state = FiberState.DONE;
            f.opKind = "";
            ringOps[f.id] = EventRing.NO_OP;
            live--;
            return;
        }
        ops[f.id] = next;
        String kind = next.kind();
        Integer idx = kindIndex.get(kind);
        if (idx == null) {
            idx = kindNames.size();
            kindIndex.put(kind, idx);
            kindNames.add(kind);
            if (idx >= opsPerKind.length) {
                opsPerKind = java.util.Arrays.copyOf(opsPerKind, opsPerKind.length * 2);
            }
        }
        f.opKind = kind;
        f.opKindIndex = idx;
        ringOps[f.id] = ring.opId(kind);
        f.opStartNanos = clock.nowNanos();
        f.yieldsThisOp = 0;
        hash.mix(0x5700_0000_0000_0000L ^ ((long) f.id << 32) ^ Fnv1a.hash64(kind));
        ring.add(clock.steps(), clock.nowNanos(), f.id, ringOps[f.id], EventKind.OP_START);
        for (Property p : properties) {
            Violation v;
            try {
                v = p.onOpStart(f.id, next);
            } catch (PropertyViolation pv) {
                v = pv.violation();
            } catch (RuntimeException e) {
                internal("property " + p.name() + " threw in onOpStart: " + e, e);
                return;
            }
            if (v != null) {
                fail(v, f.id);
                return;
            }
        }
    }

    private boolean afterStep(int fiber) {
        for (Property p : properties) {
            Violation v;
            try {
                v = p.afterStep();
            } catch (PropertyViolation pv) {
                v = pv.violation();
            } catch (RuntimeException e) {
                internal("property " + p.name() + " threw in afterStep: " + e, e);
                return false;
            }
            if (v != null) {
                fail(v, fiber);
                return false;
            }
        }
        return true;
    }

    boolean decideYield(Fiber f) {
        if (config.yieldRate() <= 0 || f.yieldsThisOp >= config.yieldCapPerOp()) {
            return false;
        }
        boolean yield = recorder.replaying() ? recorder.replayNext(2) == 1 : f.yieldRandom.chance(config.yieldRate());
        recorder.record(yield ? 1 : 0, 2);
        if (yield) {
            f.yieldsThisOp++;
            yieldsInjected++;
        }
        return yield;
    }

    private boolean checkLiveness() {
        long now = clock.nowNanos();
        for (Fiber f : fibers) {
            if (f.state == FiberState.DONE || ops[f.id] == null) {
                continue;
            }
            long from = Math.max(f.opStartNanos, config.faultsEndNanos());
            if (now - from > config.livenessTimeoutNanos()) {
                failure = new Outcome.Liveness(f.id, f.opKind, clock.steps(), now, now - from);
                prepare = true;
                return true;
            }
        }
        return false;
    }

    private Outcome deadlock() {
        List<String> blocked = new ArrayList<>();
        for (Fiber f : fibers) {
            if (f.state != FiberState.DONE) {
                blocked.add("fiber " + f.id + " (" + f.opKind + ") blocked on " + f.blockedOn);
            }
        }
        return new Outcome.Deadlock(clock.steps(), clock.nowNanos(), blocked);
    }

    private void fail(Violation v, int fiber) {
        if (failure == null) {
            failure = new Outcome.Violation(v.property(), v.message(), clock.steps(), clock.nowNanos(), fiber);
            prepare = true;
        }
    }

    /**
     * Simulates a crash: every fiber's operation in flight is abandoned (properties see
     * {@link OpResult#UNKNOWN}), {@code crash} runs (e.g. the simulated disk loses power), properties are
     * told, {@code recover} runs (e.g. reopen the engine), properties are told of the recovery, and every
     * fiber that was not done gets a fresh program from the fiber factory (it reconnects).
     *
     * @param crash   what the crash does
     * @param recover how the system comes back
     * @return false when a property failed
     */
    public boolean crashAndRecover(Runnable crash, Runnable recover) {
        crashes++;
        long now = clock.nowNanos();
        hash.mix(0xC4A5_0000_0000_0000L ^ now);
        ring.add(clock.steps(), now, -1, EventRing.NO_OP, EventKind.CRASH);
        for (Fiber f : fibers) {
            if (f.state == FiberState.DONE) {
                continue;
            }
            if (f.state == FiberState.SLEEPING) {
                sleeping--;
            }
            if (f.state == FiberState.BLOCKED || f.state == FiberState.SLEEPING) {
                waiting--;
            }
            Operation<?> op = ops[f.id];
            ops[f.id] = null;
            f.blockedOn = null;
            f.state = FiberState.RUNNABLE;
            markDirty();
            if (op != null) {
                for (Property p : properties) {
                    if (!verdict(p, () -> p.onOpFinish(f.id, op, OpResult.UNKNOWN), f.id)) {
                        return false;
                    }
                }
            }
        }
        crash.run();
        for (Property p : properties) {
            if (!verdict(p, () -> p.onCrash(now), -1)) {
                return false;
            }
        }
        recover.run();
        ring.add(clock.steps(), clock.nowNanos(), -1, EventRing.NO_OP, EventKind.RECOVERY);
        for (Property p : properties) {
            if (!verdict(p, () -> p.onRecovery(clock.nowNanos()), -1)) {
                return false;
            }
        }
        for (Fiber f : fibers) {
            if (f.state != FiberState.DONE && failure == null) {
                f.program = factory.create(f);
                nextOp(f);
            }
        }
        return failure == null;
    }

    private boolean verdict(Property p, java.util.function.Supplier<Violation> hook, int fiber) {
        Violation v;
        try {
            v = hook.get();
        } catch (PropertyViolation pv) {
            v = pv.violation();
        } catch (RuntimeException e) {
            internal("property " + p.name() + " threw: " + e, e);
            return false;
        }
        if (v != null) {
            fail(v, fiber);
            return false;
        }
        return true;
    }

    /**
     * @param faultsByKind faults injected so far, per kind
     * @return the counters
     */
    public Counters counters(Map<String, Long> faultsByKind) {
        Map<String, Long> ops = new LinkedHashMap<>();
        for (int i = 0; i < kindNames.size(); i++) {
            ops.put(kindNames.get(i), opsPerKind[i]);
        }
        return new Counters(clock.steps(), clock.nowNanos(), recorder.decisions() + clock.steps() - singleChoiceSteps, ops,
            opsFailed, yieldsInjected, timeJumps,
            faultsByKind, crashes);
    }

    /**
     * A stable hash of an operation's value: numbers, strings, booleans, characters, enums and byte
     * arrays by content; anything else by its class name only (never an identity hash).
     *
     * @param value a value
     * @return its stable hash
     */
    public static long valueHash(Object value) {
        if (value == null) {
            return 0x0DDL;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Boolean b) {
            return b ? 0xB1L : 0xB0L;
        } else if (value instanceof Character c) {
            return c;
        } else if (value instanceof String s) {
            return Fnv1a.hash64(s);
        } else if (value instanceof Enum<?> e) {
            return Fnv1a.hash64(e.getDeclaringClass().getName() + "." + e.name());
        } else if (value instanceof byte[] b) {
            return Fnv1a.hash64(b);
        } else if (value instanceof Double d) {
            return Double.doubleToLongBits(d);
        }
        return Fnv1a.hash64(value.getClass().getName());
    }
}
