package dev.whopper.sim.sched;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.VirtualClock;
import dev.whopper.workloads.spi.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches that the run makes progress: an operation running longer than the liveness timeout (counted
 * from when faults stop, if later) is a LIVENESS failure; every live fiber blocked with nothing pending
 * and nobody sleeping is a DEADLOCK; and idle clock jumps that never make a fiber runnable are a tool bug
 * (the event source keeps reporting due events that wake nobody). It only reads the fibers' state.
 */
final class LivenessMonitor {
    /** Idle clock jumps in a row without a runnable fiber before the scheduler gives up (a tool bug). */
    static final int IDLE_JUMP_BOUND = 10_000_000;
    /** After steps, the liveness check runs when the step number is a multiple of this (a power of two). */
    static final int CHECK_EVERY_STEPS = 64;

    private final Fiber[] fibers;
    private final Operation<?>[] ops;
    private final VirtualClock clock;
    private final long timeoutNanos;
    private final long faultsEndNanos;

    /**
     * @param fibers         the fibers, by id
     * @param ops            each fiber's operation in flight (null when none), by id
     * @param clock          the virtual clock
     * @param timeoutNanos   the liveness timeout, 0 for no check
     * @param faultsEndNanos when faults stop: an operation's time is counted from then, if later
     */
    LivenessMonitor(Fiber[] fibers, Operation<?>[] ops, VirtualClock clock, long timeoutNanos, long faultsEndNanos) {
        this.fibers = fibers;
        this.ops = ops;
        this.clock = clock;
        this.timeoutNanos = timeoutNanos;
        this.faultsEndNanos = faultsEndNanos;
    }

    /** @return true when a liveness timeout is set */
    boolean enabled() {
        return timeoutNanos > 0;
    }

    /** @return the check after a step: {@link #overdue()} every {@value #CHECK_EVERY_STEPS} steps, else null */
    Outcome.Liveness afterStep() {
        return (clock.steps() & (CHECK_EVERY_STEPS - 1)) == 0 ? overdue() : null;
    }

    /** @return the LIVENESS failure of the lowest fiber whose operation has run too long, or null */
    Outcome.Liveness overdue() {
        long now = clock.nowNanos();
        for (Fiber f : fibers) {
            if (f.state == FiberState.DONE || ops[f.id] == null) {
                continue;
            }
            long from = Math.max(f.opStartNanos, faultsEndNanos);
            if (now - from > timeoutNanos) {
                return new Outcome.Liveness(f.id, f.opKind, clock.steps(), now, now - from);
            }
        }
        return null;
    }

    /**
     * @return the DEADLOCK outcome naming every fiber not done and what it is blocked on: the completion's
     *         label and state when it has a label ({@code fiber 1 (transfer) blocked on mutex A, held by
     *         fiber 0 (pending)}), else its kind and state ({@code blocked on WRITE[pending]}); formatted here,
     *         once, never per step
     */
    Outcome.Deadlock deadlock() {
        List<String> blocked = new ArrayList<>();
        for (Fiber f : fibers) {
            if (f.state != FiberState.DONE) {
                blocked.add("fiber " + f.id + " (" + f.opKind + f.yieldedAt() + ") blocked on " + f.blockedOn);
            }
        }
        return new Outcome.Deadlock(clock.steps(), clock.nowNanos(), blocked);
    }

    /**
     * @param jumps idle clock jumps in a row so far, none of which made a fiber runnable
     * @throws IllegalStateException past {@value #IDLE_JUMP_BOUND} of them
     */
    static void checkIdleJumps(int jumps) {
        if (jumps > IDLE_JUMP_BOUND) {
            throw new IllegalStateException("no fiber became runnable after " + IDLE_JUMP_BOUND + " clock jumps");
        }
    }
}
