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
 * (the event source keeps reporting due events that wake nobody). It reads the fibers' state, and keeps
 * the operations in flight in order of start time (told by the scheduler), so that a check is O(1).
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
     * The operations in flight, oldest first: a doubly linked list indexed by fiber id, kept in one array of
     * two longs per fiber ({@link #links}), not in the fibers: ending an operation unlinks it from its two
     * neighbours, random other fibers, and each separate array read for a random fiber is a cache miss with
     * many fibers (four arrays by id cost up to four misses where one record costs one).
     */
    private int oldest = -1;
    private int newest = -1;
    /**
     * By fiber id, two words: {@code links[2 id]} is {@link #IN_FLIGHT} set when the fiber is in the list, with
     * its older neighbour + 1 in bits 32-62 and its newer neighbour + 1 in bits 0-31 (0: none); {@code
     * links[2 id + 1]} is when its operation started ({@link Fiber#opStartNanos} when it joined).
     */
    private final long[] links;
    private static final long IN_FLIGHT = Long.MIN_VALUE;
    /** The scheduler tells of every operation's start and end ({@link #trackOperations}): checks use the list. */
    private boolean tracked;

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
        this.links = new long[2 * fibers.length];
    }

    /** @return true when a liveness timeout is set */
    boolean enabled() {
        return timeoutNanos > 0;
    }

    /** @return the check after a step: {@link #overdue()} every {@value #CHECK_EVERY_STEPS} steps, else null */
    Outcome.Liveness afterStep() {
        return (clock.steps() & (CHECK_EVERY_STEPS - 1)) == 0 ? overdue() : null;
    }

    /**
     * From now on every operation's start and end is told ({@link #opStarted}, {@link #opEnded}), before
     * any starts: a check then reads the oldest operation instead of scanning every fiber. Without it,
     * each check scans (the monitor is told nothing, e.g. in a test that sets operations by hand).
     */
    void trackOperations() {
        tracked = true;
    }

    /**
     * Fiber {@code f}'s operation started (at {@code f.opStartNanos}): it joins the list of operations in
     * flight, which is kept in order of start time (ties in order of starting), so that its head is the
     * operation running longest. Start times never decrease, so this appends in O(1).
     */
    void opStarted(Fiber f) {
        int id = f.id;
        long start = f.opStartNanos;
        int at = newest;
        while (at >= 0 && links[2 * at + 1] > start) {
            at = older(at); // never taken while the clock only moves forward
        }
        int newer = at < 0 ? oldest : newer(at);
        links[2 * id] = link(at, newer);
        links[2 * id + 1] = start;
        if (at < 0) {
            oldest = id;
        } else {
            links[2 * at] = link(older(at), id);
        }
        if (newer < 0) {
            newest = id;
        } else {
            links[2 * newer] = link(id, newer(newer));
        }
    }

    /** Fiber {@code f}'s operation is no longer in flight (it finished or was abandoned); idempotent. */
    void opEnded(Fiber f) {
        int id = f.id;
        long l = links[2 * id];
        if (l == 0) {
            return;
        }
        links[2 * id] = 0;
        int older = olderOf(l);
        int newer = newerOf(l);
        if (older < 0) {
            oldest = newer;
        } else {
            links[2 * older] = link(older(older), newer);
        }
        if (newer < 0) {
            newest = older;
        } else {
            links[2 * newer] = link(older, newer(newer));
        }
    }

    private static long link(int older, int newer) {
        return IN_FLIGHT | ((long) (older + 1) << 32) | (newer + 1);
    }

    /** @return fiber {@code id}'s older neighbour in the list, or -1 */
    private int older(int id) {
        return olderOf(links[2 * id]);
    }

    /** @return fiber {@code id}'s newer neighbour in the list, or -1 */
    private int newer(int id) {
        return newerOf(links[2 * id]);
    }

    private static int olderOf(long link) {
        return (int) ((link & ~IN_FLIGHT) >>> 32) - 1;
    }

    private static int newerOf(long link) {
        return (int) link - 1;
    }

    /**
     * The LIVENESS failure of the lowest fiber whose operation has run too long, or null. The operation in
     * flight longest is overdue exactly when any is (an operation's time is counted from its start or the
     * end of faults, whichever is later), so only a failure scans the fibers, to name the lowest id.
     *
     * @return the failure, or null
     */
    Outcome.Liveness overdue() {
        long now = clock.nowNanos();
        if (tracked && (oldest < 0 || now - Math.max(links[2 * oldest + 1], faultsEndNanos) <= timeoutNanos)) {
            return null;
        }
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
