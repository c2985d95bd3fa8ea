package dev.whopper.sim.sched;

import dev.whopper.core.io.Clock;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionCallback;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.io.YieldPoint;
import dev.whopper.sim.random.RandomStreams;
import dev.whopper.sim.random.Xoshiro256StarStar;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;

/** One simulated connection: its program, its operation in flight and its state. Scheduler-internal. */
final class Fiber extends Xoshiro256StarStar implements FiberContext, YieldInjector, CompletionCallback {
    final int id;
    final Scheduler scheduler;
    /** The yield-injection stream, made at its first draw (it is the same stream whenever it is made). */
    RandomSource yieldRandom;
    FiberProgram program;
    String opKind = "";
    int opKindIndex;
    long opStartNanos;
    FiberState state = FiberState.RUNNABLE;
    Completion blockedOn;
    Completion sleepCompletion;
    long wakeAtNanos;
    int yieldsThisOp;
    /** Operations started (OP_START events), across crashes: the running one is number {@code opsStarted - 1}. */
    long opsStarted;
    /** Where the operation in flight last yielded by injection ({@code null}: it has not), for traces. */
    YieldPoint lastYieldPoint;

    /**
     * @param id         the fiber's id
     * @param scheduler  its scheduler
     * @param randomSeed the seed of its workload stream ({@link RandomStreams#seedOf} of {@code fiber/<id>}):
     *                   the fiber is that stream, its state inline (see {@link #random()})
     */
    Fiber(int id, Scheduler scheduler, long randomSeed) {
        super(randomSeed);
        this.id = id;
        this.scheduler = scheduler;
    }

    /**
     * A fiber is the waiter registered on each completion it blocks on (so a wake allocates nothing and
     * reaches the fiber in one hop, with no callback object in between): tells the scheduler it finished.
     */
    @Override
    public void onFinished(Completion c) {
        scheduler.completionFinished(this, c);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public long opIndex() {
        return scheduler.ops[id] == null ? -1 : opsStarted - 1;
    }

    /** @return this fiber's workload stream: the fiber itself, which extends the generator */
    @Override
    public RandomSource random() {
        return this;
    }

    @Override
    public YieldInjector yields() {
        return this;
    }

    @Override
    public Clock clock() {
        return scheduler.clock();
    }

    @Override
    public Completion sleep(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= 0)");
        }
        long now = scheduler.clock().nowNanos();
        long wakeAt = nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos; // saturating
        // A sleep is a timer (the scheduler fires it); the label is formatted only when printed.
        Completion c = Completion.timer(null).label(() -> "sleep of " + nanos + " ns (until " + wakeAt + " ns)");
        sleepCompletion = c;
        wakeAtNanos = wakeAt;
        return c;
    }

    @Override
    public IO io() {
        return scheduler.io();
    }

    @Override
    public double workloadWeight(int index) {
        return scheduler.workloadWeight(index);
    }

    @Override
    public boolean shouldYield(YieldPoint point) {
        scheduler.reached(point);
        boolean yield = scheduler.decideYield(this);
        if (yield) {
            lastYieldPoint = point;
        }
        return yield;
    }

    @Override
    public String toString() {
        return "fiber " + id + " (" + state + (scheduler.ops[id] == null ? "" : ", " + opKind) + yieldedAt() + ")";
    }

    /** @return {@code ", last yielded at POINT"} when the operation in flight yielded by injection, else "" */
    String yieldedAt() {
        return lastYieldPoint == null ? "" : ", last yielded at " + lastYieldPoint.name();
    }
}
