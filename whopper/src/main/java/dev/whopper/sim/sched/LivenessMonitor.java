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
 * the operations in flight in order of start time (told by the scheduler), so that a check is O(1) amortized.
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
     * The operations in flight, oldest first, as a queue in order of start with lazy removal: an operation
     * that ends stays in the queue, stale, until it reaches the head or the queue is compacted. Ending an
     * operation so writes one int of its own fiber ({@link #inFlight}) and touches no other fiber's state; a
     * doubly linked list by fiber id unlinked the ending operation from its two neighbours, random other
     * fibers, a cache miss each with many fibers. Entry {@code k} is {@code queue[2 k]}, the start time, and
     * {@code queue[2 k + 1]}, the fiber id in bits 32-63 and the operation's token in bits 0-31. The queue
     * holds at most {@link #capacity} entries: when full, the stale ones are dropped (at most one live entry
     * per fiber, so a compaction frees at least half of it, and appends stay O(1) amortized).
     */
    private long[] queue;
    private int head;
    private int size;
    private final int capacity;
    /**
     * By fiber id, the token of its operation in flight (a count of starts, never 0), or 0 when none: an
     * entry of the queue is live exactly when its token is its fiber's.
     */
    private final int[] inFlight;
    private int lastToken;

    /** The scheduler tells of every operation's start and end ({@link #trackOperations}): checks use the queue. */
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
        this.inFlight = new int[fibers.length];
        this.capacity = 2 * fibers.length + 64;
        this.queue = new long[2 * 64]; // entries: a power of two, grown as needed (at most the next above capacity)
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
     * Fiber {@code f}'s operation started (at {@code f.opStartNanos}): it joins the operations in flight,
     * kept in order of start time (ties in order of starting), so that the oldest live entry is the operation
     * running longest. Start times never decrease, so this appends in O(1) amortized.
     */
    void opStarted(Fiber f) {
        if (size == capacity) {
            compact();
        }
        if (2 * size == queue.length) {
            grow();
        }
        int token = ++lastToken == 0 ? ++lastToken : lastToken; // 0 means "none"
        inFlight[f.id] = token;
        long start = f.opStartNanos;
        long entry = ((long) f.id << 32) | (token & 0xFFFF_FFFFL);
        int at = size++;
        while (at > 0 && queue[slot(at - 1)] > start) { // never taken while the clock only moves forward
            queue[slot(at)] = queue[slot(at - 1)];
            queue[slot(at) + 1] = queue[slot(at - 1) + 1];
            at--;
        }
        queue[slot(at)] = start;
        queue[slot(at) + 1] = entry;
    }

    /** Fiber {@code f}'s operation is no longer in flight (it finished or was abandoned); idempotent. */
    void opEnded(Fiber f) {
        inFlight[f.id] = 0;
    }

    /** @return entries in the queue, live or stale (at most {@code 2 fibers + 64}) */
    int queued() {
        return size;
    }

    /** @return the index in {@link #queue} of the start time of entry {@code k} (0: the head) */
    private int slot(int k) {
        return (2 * (head + k)) & (queue.length - 1);
    }

    private boolean live(int k) {
        long entry = queue[slot(k) + 1];
        return inFlight[(int) (entry >>> 32)] == (int) entry;
    }

    /** Drops the stale entries at the head: the head is then the oldest operation in flight, if any. */
    private void dropStaleHead() {
        while (size > 0 && !live(0)) {
            head = (head + 1) & (queue.length / 2 - 1);
            size--;
        }
    }

    /** Drops every stale entry, keeping the order of the live ones. */
    private void compact() {
        int kept = 0;
        for (int k = 0; k < size; k++) {
            if (live(k)) {
                long start = queue[slot(k)];
                long entry = queue[slot(k) + 1];
                queue[slot(kept)] = start;
                queue[slot(kept) + 1] = entry;
                kept++;
            }
        }
        size = kept;
        if (size == capacity) {
            throw new IllegalStateException("more operations in flight than fibers: " + size); // a tool bug
        }
    }

    /** Doubles the queue (a power of two of entries), its entries moved to the front in order. */
    private void grow() {
        long[] bigger = new long[2 * queue.length];
        for (int k = 0; k < size; k++) {
            bigger[2 * k] = queue[slot(k)];
            bigger[2 * k + 1] = queue[slot(k) + 1];
        }
        queue = bigger;
        head = 0;
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
        if (tracked) {
            dropStaleHead();
            if (size == 0 || now - Math.max(queue[slot(0)], faultsEndNanos) <= timeoutNanos) {
                return null;
            }
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
