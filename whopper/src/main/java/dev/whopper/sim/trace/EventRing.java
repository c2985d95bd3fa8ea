package dev.whopper.sim.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} events, in preallocated parallel primitive arrays: recording an event
 * allocates nothing and stores no reference (no GC write barrier on the scheduler's hot path). An
 * event's operation kind is stored as a small int id, interned once by {@link #opId(String)}; names are
 * looked up again only when {@link #snapshot()} formats the events.
 */
public final class EventRing {
    private static final EventKind[] KINDS = EventKind.values();

    /** The largest capacity. */
    public static final int MAX_CAPACITY = 1 << 24;

    /** The id of the empty operation kind {@code ""} (system events). */
    public static final int NO_OP = 0;

    private final int capacity;
    /** Slots - 1: the arrays are a power of two long, so a slot is {@code written & mask}. */
    private final int mask;
    /** Four words per slot: step, time, {@code fiber << 32 | opId << 8 | kind ordinal}, unused. */
    private final long[] data;
    /**
     * Op-kind name to id, ids handed out in first-seen order. Only looked up, never iterated, so hash order
     * cannot reach a run (determinism rule); the reverse mapping is a list indexed by id.
     */
    private final Map<String, Integer> opIds = new HashMap<>();
    private final List<String> opNames = new ArrayList<>();
    private long written;

    /** @param capacity how many events to keep, &gt; 0 */
    public EventRing(int capacity) {
        if (capacity <= 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: 1.." + MAX_CAPACITY + ")");
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
        mask = slots - 1;
        data = new long[slots << 2];
        opId("");
    }

    /**
     * Interns an operation kind: the same name always gets the same id (ids are internal to this ring).
     *
     * @param op operation kind (not null)
     * @return its id, &gt;= 0
     */
    public int opId(String op) {
        Integer id = opIds.get(op);
        if (id == null) {
            if (opNames.size() >= (1 << 24)) {
                throw new IllegalStateException("event ring: more than " + (1 << 24) + " operation kinds");
            }
            id = opNames.size();
            opIds.put(op, id);
            opNames.add(op);
        }
        return id;
    }

    /**
     * Records an event, overwriting the oldest when full.
     *
     * @param step      scheduler step
     * @param timeNanos simulated time
     * @param fiber     fiber or -1
     * @param op        operation kind (not null)
     * @param kind      what happened
     */
    public void add(long step, long timeNanos, int fiber, String op, EventKind kind) {
        add(step, timeNanos, fiber, opId(op), kind);
    }

    /**
     * Records an event whose operation kind was interned by {@link #opId(String)}; allocation-free.
     *
     * @param step      scheduler step
     * @param timeNanos simulated time
     * @param fiber     fiber or -1
     * @param opId      operation kind id from {@link #opId(String)}
     * @param kind      what happened
     */
    public void add(long step, long timeNanos, int fiber, int opId, EventKind kind) {
        if (opId < 0 || opId >= opNames.size()) {
            throw new IllegalArgumentException("opId: " + opId + " (expected: an id from opId(String))");
        }
        addInterned(step, timeNanos, fiber, opId, kind);
    }

    /**
     * {@link #add(long, long, int, int, EventKind)} without the check of {@code opId}: for the scheduler's
     * stepping loop, whose ids all come from {@link #opId(String)}. An id from anywhere else makes a
     * snapshot fail.
     *
     * @param step      scheduler step
     * @param timeNanos simulated time
     * @param fiber     fiber or -1
     * @param opId      operation kind id from {@link #opId(String)}
     * @param kind      what happened
     */
    public void addInterned(long step, long timeNanos, int fiber, int opId, EventKind kind) {
        int i = ((int) written & mask) << 2;
        long[] d = data;
        d[i] = step;
        d[i + 1] = timeNanos;
        d[i + 2] = ((long) fiber << 32) | ((long) opId << 8) | kind.ordinal();
        written++;
    }

    /** @return how many events are kept */
    public int capacity() {
        return capacity;
    }

    /**
     * Counts {@code n} events as added without storing them: for a caller that adds a run of events of
     * which only the last {@link #capacity()} could be kept, it skips the others and adds those.
     *
     * @param n events to count, &gt;= 0
     */
    public void skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
        }
        written += n;
    }

    /** @return how many events were ever added */
    public long written() {
        return written;
    }

    /** @return the kept events, oldest first */
    public List<Event> snapshot() {
        int n = (int) Math.min(written, capacity);
        List<Event> out = new ArrayList<>(n);
        for (long k = written - n; k < written; k++) {
            int i = ((int) k & mask) << 2;
            long p = data[i + 2];
            int fiber = (int) (p >> 32);
            int opId = (int) ((p >>> 8) & 0xFF_FFFF);
            out.add(new Event(data[i], data[i + 1], fiber, opNames.get(opId), KINDS[(int) (p & 0xFF)]));
        }
        return List.copyOf(out);
    }
}
