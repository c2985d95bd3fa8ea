package dev.whopper.workloads.counter;

import dev.whopper.workloads.property.Blamed;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last increments of every counter, with the value each wrote: whom a broken bound is blamed on. A lost
 * increment blames the acknowledged increments of the counter whose value the read does not reflect (they wrote
 * more than it saw) and those that wrote the same value as another (one of the two was lost); a phantom blames
 * the increments that wrote more than can have happened. Bounded: {@link #PER_COUNTER} increments per counter.
 * Reads no random stream and decides nothing.
 */
final class IncrementLog {
    /** Increments kept per counter. */
    static final int PER_COUNTER = 16;
    /** Increments blamed at most. */
    static final int MAX_BLAMED = 8;

    /** One increment: who, which operation, when, and the value it wrote once acknowledged. */
    static final class Entry {
        final int fiber;
        final long opIndex;
        final long startNanos;
        long ackNanos = -1;
        long wrote = -1;

        Entry(int fiber, long opIndex, long startNanos) {
            this.fiber = fiber;
            this.opIndex = opIndex;
            this.startNanos = startNanos;
        }
    }

    private final List<ArrayDeque<Entry>> byCounter = new ArrayList<>();

    /** Fiber {@code fiber}'s increment of counter {@code k} began. */
    Entry begin(int k, int fiber, long opIndex, long nowNanos) {
        while (byCounter.size() <= k) {
            byCounter.add(new ArrayDeque<>(PER_COUNTER));
        }
        ArrayDeque<Entry> q = byCounter.get(k);
        if (q.size() == PER_COUNTER) {
            q.removeFirst();
        }
        Entry e = new Entry(fiber, opIndex, nowNanos);
        q.addLast(e);
        return e;
    }

    /** It was acknowledged, having written {@code wrote}. */
    static void acknowledged(Entry e, long nowNanos, long wrote) {
        e.ackNanos = nowNanos;
        e.wrote = wrote;
    }

    /**
     * @param k        the counter
     * @param name     its key, for reasons
     * @param observed the value read
     * @param lower    the lowest allowed
     * @param upper    the highest allowed
     * @return the increments to blame, oldest first
     */
    List<Blamed> culprits(int k, String name, long observed, long lower, long upper) {
        List<Blamed> out = new ArrayList<>();
        if (k >= byCounter.size()) {
            return out;
        }
        List<Entry> acked = new ArrayList<>();
        for (Entry e : byCounter.get(k)) {
            if (e.wrote >= 0) {
                acked.add(e);
            }
        }
        for (Entry e : acked) {
            if (out.size() >= MAX_BLAMED) {
                break;
            }
            Entry twin = null;
            for (Entry o : acked) {
                if (o != e && o.wrote == e.wrote) {
                    twin = o;
                }
            }
            String why = null;
            if (observed < lower && twin != null) {
                why = "wrote " + name + " = " + e.wrote + " (acknowledged), as fiber " + twin.fiber + "'s increment #"
                    + twin.opIndex + " did: one of the two increments was lost";
            } else if (observed < lower && e.wrote > observed) {
                why = "wrote " + name + " = " + e.wrote + " (acknowledged), but the read saw " + observed;
            } else if (observed > upper && e.wrote > upper) {
                why = "wrote " + name + " = " + e.wrote + ", more than the " + upper + " increments that can have happened";
            }
            if (why != null) {
                out.add(new Blamed(e.fiber, e.opIndex, e.startNanos, Math.max(e.startNanos, e.ackNanos), why));
            }
        }
        return out;
    }
}
