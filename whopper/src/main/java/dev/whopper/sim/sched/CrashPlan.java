package dev.whopper.sim.sched;

import dev.whopper.sim.VirtualClock;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.EventRing;
import dev.whopper.sim.trace.TraceHash;
import dev.whopper.workloads.property.OpResult;
import dev.whopper.workloads.spi.Operation;
import java.util.Objects;

/**
 * The work planned before steps: crashes at planned step numbers ({@link #crashAndRecover}) and the
 * faults-end action, run once at the first step at or after {@link SchedulerConfig#faultsEndNanos()}.
 * The scheduler asks {@link #hasWork()} to know whether a step must look here, and {@link #beforeStep()}
 * does what is due.
 */
final class CrashPlan {
    private final Scheduler scheduler;
    private final VirtualClock clock;
    private final TraceHash hash;
    private final EventRing ring;
    private final PropertyDispatch properties;
    private final long faultsEndNanos;
    private long[] crashSteps = new long[0];
    private int nextCrash;
    private Runnable crashAction;
    private Runnable recoverAction;
    private Runnable faultsEndAction;
    private boolean faultsEnded;
    private long crashes;

    /**
     * @param scheduler      whose fibers crash and reconnect
     * @param clock          the virtual clock
     * @param hash           the trace hash (a crash and the end of faults are mixed in)
     * @param ring           the event ring (crash, recovery and faults-end events)
     * @param properties     told of crashes, recoveries and the operations a crash abandons
     * @param faultsEndNanos when the faults-end action runs
     */
    CrashPlan(Scheduler scheduler, VirtualClock clock, TraceHash hash, EventRing ring, PropertyDispatch properties,
              long faultsEndNanos) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.hash = hash;
        this.ring = ring;
        this.properties = properties;
        this.faultsEndNanos = faultsEndNanos;
    }

    /** @param action run once, at the first step at or after the faults-end time */
    void onFaultsEnd(Runnable action) {
        this.faultsEndAction = Objects.requireNonNull(action, "action");
    }

    /**
     * @param steps   ascending step numbers: before the first step numbered at or after each, a crash
     * @param crash   what a crash does
     * @param recover how the system comes back
     */
    void planCrashes(long[] steps, Runnable crash, Runnable recover) {
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] < steps[i - 1]) {
                throw new IllegalArgumentException("steps: not ascending at index " + i);
            }
        }
        this.crashSteps = steps.clone();
        this.crashAction = Objects.requireNonNull(crash, "crash");
        this.recoverAction = Objects.requireNonNull(recover, "recover");
    }

    /** @return true while a crash is planned or the faults-end action has not run */
    boolean hasWork() {
        return nextCrash < crashSteps.length || (!faultsEnded && faultsEndAction != null);
    }

    /** @return crashes so far */
    long crashes() {
        return crashes;
    }

    /**
     * Does what is due before the next step: the next planned crash (at most one per step), then the
     * faults-end action.
     *
     * @return false when a property failed during a crash (the failure is recorded)
     */
    boolean beforeStep() {
        if (nextCrash < crashSteps.length && clock.steps() >= crashSteps[nextCrash]) {
            nextCrash++;
            if (!crashAndRecover(crashAction, recoverAction)) {
                return false;
            }
        }
        if (!faultsEnded && faultsEndAction != null && clock.nowNanos() >= faultsEndNanos) {
            faultsEnded = true;
            faultsEndAction.run();
            hash.mix(0xFE00_0000_0000_0000L ^ clock.nowNanos());
            ring.add(clock.steps(), clock.nowNanos(), -1, EventRing.NO_OP, EventKind.FAULTS_END);
            scheduler.emit(-1, "", EventKind.FAULTS_END, null);
        }
        return true;
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
    boolean crashAndRecover(Runnable crash, Runnable recover) {
        crashes++;
        long now = clock.nowNanos();
        hash.mix(0xC4A5_0000_0000_0000L ^ now);
        ring.add(clock.steps(), now, -1, EventRing.NO_OP, EventKind.CRASH);
        scheduler.emit(-1, "", EventKind.CRASH, null);
        for (Fiber f : scheduler.fibers()) {
            if (f.state == FiberState.DONE) {
                continue;
            }
            Operation<?> op = scheduler.abandon(f);
            if (op != null && !properties.opFinish(f.id, op, OpResult.UNKNOWN)) {
                return false;
            }
        }
        crash.run();
        if (!properties.crash(now)) {
            return false;
        }
        recover.run();
        ring.add(clock.steps(), clock.nowNanos(), -1, EventRing.NO_OP, EventKind.RECOVERY);
        scheduler.emit(-1, "", EventKind.RECOVERY, null);
        if (!properties.recovery(clock.nowNanos())) {
            return false;
        }
        for (Fiber f : scheduler.fibers()) {
            if (f.state != FiberState.DONE && scheduler.failure() == null) {
                scheduler.reconnect(f);
            }
        }
        return scheduler.failure() == null;
    }
}
