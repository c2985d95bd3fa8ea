package dev.whopper.workloads.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Records a history as a workload runs: each transaction's invocation, then its completion (ok, fail or info).
 * Indices are given in recording order, from 0. Not thread-safe (a simulated run has one thread).
 */
public final class HistoryRecorder {
    private final List<Event> events = new ArrayList<>();
    /** Per open invocation (by its handle): the process, or -1 once completed. */
    private final List<long[]> open = new ArrayList<>();

    /**
     * @param process   the process (fiber) number
     * @param timeNanos the simulated time
     * @param ops       the micro-operations, reads unknown
     * @return a handle to complete it with
     */
    public int invoke(long process, long timeNanos, List<MicroOp> ops) {
        events.add(Event.txn(events.size(), Event.Type.INVOKE, process, timeNanos, ops));
        open.add(new long[] {process});
        return open.size() - 1;
    }

    /**
     * @param handle    what {@link #invoke} returned
     * @param type      ok, fail or info
     * @param timeNanos the simulated time
     * @param ops       the micro-operations: reads carry what was read for ok; the invocation's for fail and info
     * @throws IllegalStateException when the invocation was already completed
     */
    public void complete(int handle, Event.Type type, long timeNanos, List<MicroOp> ops) {
        if (type == Event.Type.INVOKE) {
            throw new IllegalArgumentException("type: invoke (expected: ok, fail or info)");
        }
        long[] p = open.get(handle);
        if (p[0] < 0) {
            throw new IllegalStateException("invocation " + handle + " completed twice");
        }
        events.add(Event.txn(events.size(), type, p[0], timeNanos, ops));
        p[0] = -1;
    }

    /** @return the events recorded so far */
    public History history() {
        return new History(events);
    }

    /** @return how many events were recorded */
    public int size() {
        return events.size();
    }
}
