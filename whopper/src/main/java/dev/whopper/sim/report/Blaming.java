package dev.whopper.sim.report;

import dev.whopper.reports.model.Blame;
import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.workloads.property.Blamed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what a failure is blamed on and marks it in the timeline: the failing fiber's last operation and the
 * faults injected while it ran; the operations the violated property blames (of any fiber), each with the
 * property's reason; and when the property blames nobody, a heuristic: the other fibers' operations that
 * overlapped the failing operation in simulated time (they ran while it did), marked as guesses.
 *
 * <p>An operation is one fiber's events from its {@code OP_START} to its {@code DONE} or {@code FAILED}, numbered
 * as {@code FiberContext.opIndex()} numbers them; a property's {@link Blamed} names it by that number, or when it
 * cannot, by time (the fiber's operation running at {@link Blamed#fromNanos()}: the last it started at or before).
 * Deterministic: it reads only the events, in their order.
 */
final class Blaming {
    /** Why the failing fiber's last operation is blamed when the property does not say more. */
    static final String FAILING = "the failing operation: the violation was found in it";
    /** Why a fault is blamed. */
    static final String FAULT = "a fault injected while the failing operation ran";
    /** Why the heuristic blames an operation. */
    static final String OVERLAP = "overlapped the failing operation in simulated time";
    /** Blamed operations listed at most. */
    static final int MAX_LISTED = 100;

    private Blaming() { }

    /**
     * What a failure is blamed on.
     *
     * @param timeline the timeline with what is blamed marked (offending, with the reason)
     * @param blamed   the operations blamed, the property's first (as it ordered them), then the heuristic's
     */
    record Result(List<TimelineEvent> timeline, List<Blame> blamed) { }

    /** One operation of a fiber in the events: its number and its span. */
    private record Op(int fiber, long opIndex, String kind, long startNanos, boolean started, long endNanos,
                      boolean finished) {
        boolean overlaps(long from, long to) {
            boolean startsBefore = !started || startNanos < to || (startNanos == to && from == to);
            return startsBefore && (!finished || endNanos > from);
        }
    }

    /**
     * @param kept          the timeline's events with their operation numbers, in order
     * @param fiber         the failing fiber, or -1
     * @param violationTime simulated time the violation was found
     * @param given         what the property blames (empty: nobody)
     * @return the timeline marked and the blamed operations
     */
    static Result of(List<LastEvents.Kept> kept, int fiber, long violationTime, List<Blamed> given) {
        List<TimelineEvent> events = new ArrayList<>(kept.size());
        long[] index = new long[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            events.add(kept.get(i).event());
            index[i] = kept.get(i).opIndex();
        }
        return of(events, index, true, fiber, violationTime, given);
    }

    /**
     * The blame of a failure whose timeline was not captured, from the event ring (no values, no operation
     * numbers): the property's culprits as it named them, or the heuristic's over the ring's operations.
     *
     * @param ring          the ring's events, in order
     * @param fiber         the failing fiber, or -1
     * @param violationTime simulated time the violation was found
     * @param given         what the property blames
     * @return the blamed operations (the ring is not marked)
     */
    static List<Blame> fromRing(List<TimelineEvent> ring, int fiber, long violationTime, List<Blamed> given) {
        long[] index = new long[ring.size()];
        Map<Integer, Long> started = new LinkedHashMap<>();
        for (int i = 0; i < ring.size(); i++) {
            TimelineEvent e = ring.get(i);
            if (e.fiber() >= 0 && e.kind().equals("OP_START")) {
                started.merge(e.fiber(), 1L, Long::sum);
            }
            index[i] = e.fiber() < 0 ? -1 : started.getOrDefault(e.fiber(), 0L) - 1;
        }
        return of(ring, index, false, fiber, violationTime, given).blamed();
    }

    private static Result of(List<TimelineEvent> events, long[] index, boolean exact, int fiber, long violationTime,
                             List<Blamed> given) {
        String[] why = new String[events.size()];
        int failingFrom = markFailing(events, index, fiber, why);
        List<Op> ops = ops(events, index);
        List<Blame> blamed = new ArrayList<>();
        for (Blamed b : given) {
            Op op = find(ops, b, exact);
            long opIndex = exact && op != null ? op.opIndex() : b.opIndex(); // the ring's numbers are its own
            if (op != null) {
                mark(events, index, op, b.reason(), why);
            }
            if (blamed.size() < MAX_LISTED) {
                blamed.add(new Blame(b.fiber(), opIndex, b.fromNanos(), b.toNanos(), op == null ? "" : op.kind(),
                    b.reason(), false));
            }
        }
        if (given.isEmpty() && fiber >= 0 && failingFrom >= 0) {
            long failStart = events.get(failingFrom).timeNanos();
            for (Op op : ops) {
                if (op.fiber() != fiber && op.overlaps(failStart, violationTime) && blamed.size() < MAX_LISTED) {
                    mark(events, index, op, OVERLAP, why);
                    blamed.add(new Blame(op.fiber(), exact ? op.opIndex() : -1, op.startNanos(),
                        op.finished() ? op.endNanos() : violationTime, op.kind(), OVERLAP, true));
                }
            }
        }
        List<TimelineEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(why[i] == null ? events.get(i) : events.get(i).blamed(why[i]));
        }
        return new Result(out, blamed);
    }

    /**
     * Marks the failing fiber's last operation (all its events when none started in the events) and the faults
     * injected from its first event on.
     *
     * @return the position of the failing operation's first event, or -1 when there is no failing fiber's event
     */
    private static int markFailing(List<TimelineEvent> events, long[] index, int fiber, String[] why) {
        if (fiber < 0) {
            return -1;
        }
        long last = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).fiber() == fiber) {
                last = index[i];
            }
        }
        int from = -1;
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            if (e.fiber() == fiber && index[i] == last) {
                from = from < 0 ? i : from;
                why[i] = FAILING;
            } else if (from >= 0 && e.kind().equals("FAULT")) {
                why[i] = FAULT;
            }
        }
        return from;
    }

    /**
     * Every fiber's operations in the events, in the order of their first event. An operation that never
     * finished but was followed by another of its fiber (a crash abandoned it) ended when the next one started.
     */
    private static List<Op> ops(List<TimelineEvent> events, long[] index) {
        Map<Long, Op> byKey = new LinkedHashMap<>();
        Map<Integer, Long> current = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            if (e.fiber() < 0 || index[i] < 0) {
                continue;
            }
            long key = ((long) e.fiber() << 40) ^ index[i];
            Op op = byKey.get(key);
            if (op == null) {
                Long before = current.put(e.fiber(), key);
                Op abandoned = before == null ? null : byKey.get(before);
                if (abandoned != null && !abandoned.finished()) {
                    byKey.put(before, new Op(abandoned.fiber(), abandoned.opIndex(), abandoned.kind(),
                        abandoned.startNanos(), abandoned.started(), e.timeNanos(), true));
                }
                op = new Op(e.fiber(), index[i], e.op(), e.timeNanos(), e.kind().equals("OP_START"), e.timeNanos(), false);
            }
            boolean ends = e.kind().equals("DONE") || e.kind().equals("FAILED");
            byKey.put(key, new Op(op.fiber(), op.opIndex(), op.kind(), op.startNanos(), op.started(),
                ends ? e.timeNanos() : op.endNanos(), op.finished() || ends));
        }
        return new ArrayList<>(byKey.values());
    }

    /** The operation a property's blame names: by its number, else the fiber's last started at or before its start. */
    private static Op find(List<Op> ops, Blamed b, boolean exact) {
        Op found = null;
        for (Op op : ops) {
            if (op.fiber() != b.fiber()) {
                continue;
            }
            if (exact && b.opIndex() >= 0) {
                if (op.opIndex() == b.opIndex()) {
                    return op;
                }
            } else if (op.started() && op.startNanos() <= b.fromNanos()) {
                found = op;
            }
        }
        return found;
    }

    private static void mark(List<TimelineEvent> events, long[] index, Op op, String reason, String[] why) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).fiber() == op.fiber() && index[i] == op.opIndex()) {
                why[i] = why[i] == null || why[i].equals(FAILING) || why[i].equals(OVERLAP) ? reason
                    : why[i].contains(reason) ? why[i] : why[i] + "; " + reason;
            }
        }
    }
}
