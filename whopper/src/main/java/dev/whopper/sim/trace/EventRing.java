package dev.whopper.sim.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} events, in preallocated parallel arrays: recording an event allocates nothing.
 */
public final class EventRing {
    private static final EventKind[] KINDS = EventKind.values();

    private final long[] steps;
    private final long[] times;
    private final int[] fibers;
    private final String[] ops;
    private final byte[] kinds;
    private long written;
    private int next;

    /** @param capacity how many events to keep, &gt; 0 */
    public EventRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        steps = new long[capacity];
        times = new long[capacity];
        fibers = new int[capacity];
        ops = new String[capacity];
        kinds = new byte[capacity];
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
        int i = next;
        next = i + 1 == steps.length ? 0 : i + 1;
        steps[i] = step;
        times[i] = timeNanos;
        fibers[i] = fiber;
        ops[i] = op;
        kinds[i] = (byte) kind.ordinal();
        written++;
    }

    /** @return how many events were ever added */
    public long written() {
        return written;
    }

    /** @return the kept events, oldest first */
    public List<Event> snapshot() {
        int n = (int) Math.min(written, steps.length);
        List<Event> out = new ArrayList<>(n);
        for (long k = written - n; k < written; k++) {
            int i = (int) (k % steps.length);
            out.add(new Event(steps[i], times[i], fibers[i], ops[i], KINDS[kinds[i]]));
        }
        return List.copyOf(out);
    }
}
