package dev.whopper.sim.report;

import dev.whopper.reports.model.TimelineEvent;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.TraceSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the last {@code perFiber} events of each fiber and the last {@code 4 * perFiber} system events (I/O,
 * faults, crashes), with their values formatted as they happen: the swimlanes of a failure's timeline.
 * Memory is bounded by fibers times {@code perFiber}; a fiber's queue is made when it first has an event.
 */
public final class LastEvents implements TraceSink {
    /** Events kept per fiber by default. */
    public static final int DEFAULT_PER_FIBER = 16;

    private final int perFiber;
    private final List<ArrayDeque<Kept>> fibers = new ArrayList<>();
    private final ArrayDeque<Kept> system = new ArrayDeque<>();
    /** Per fiber, the operations it started (OP_START events): the running one is number {@code started - 1}. */
    private long[] started = new long[0];
    private long seq;

    /**
     * An event, the order it came in, and for a fiber's event the number of the operation it belongs to (as
     * {@code FiberContext.opIndex()} numbers them; -1 for the system and before a fiber's first operation).
     */
    record Kept(long seq, TimelineEvent event, long opIndex) { }

    /** Keeps {@link #DEFAULT_PER_FIBER} events per fiber. */
    public LastEvents() {
        this(DEFAULT_PER_FIBER);
    }

    /** @param perFiber events kept per fiber, &gt; 0 */
    public LastEvents(int perFiber) {
        if (perFiber <= 0) {
            throw new IllegalArgumentException("perFiber: " + perFiber + " (expected: > 0)");
        }
        this.perFiber = perFiber;
    }

    @Override
    public void event(long step, long timeNanos, int fiber, String op, EventKind kind, Object value) {
        long opIndex = -1;
        if (fiber >= 0) {
            if (fiber >= started.length) {
                started = java.util.Arrays.copyOf(started, Math.max(fiber + 1, started.length * 2));
            }
            if (kind == EventKind.OP_START) {
                started[fiber]++;
            }
            opIndex = started[fiber] - 1;
        }
        Kept k = new Kept(seq++, new TimelineEvent(step, timeNanos, fiber, op, kind.name(), Values.of(value), false),
            opIndex);
        ArrayDeque<Kept> q;
        int cap;
        if (fiber < 0) {
            q = system;
            cap = 4 * perFiber;
        } else {
            while (fibers.size() <= fiber) {
                fibers.add(null);
            }
            q = fibers.get(fiber);
            if (q == null) {
                q = new ArrayDeque<>(perFiber);
                fibers.set(fiber, q);
            }
            cap = perFiber;
        }
        if (q.size() == cap) {
            q.removeFirst();
        }
        q.addLast(k);
    }

    /**
     * The timeline of at most {@code lanes} fibers: {@code first} (when &gt;= 0), then those whose last event is
     * most recent; their kept events and the system events since the earliest of them, in the order they
     * happened.
     *
     * @param first a fiber to show first (the failing one), or -1
     * @param lanes fibers shown at most, &gt; 0
     * @return the events
     */
    public List<TimelineEvent> timeline(int first, int lanes) {
        List<Kept> kept = kept(first, List.of(), lanes);
        List<TimelineEvent> events = new ArrayList<>(kept.size());
        for (Kept k : kept) {
            events.add(k.event());
        }
        return events;
    }

    /**
     * Like {@link #timeline}, with each event's operation number, and with the fibers in {@code also} (those a
     * failure blames) drawn right after {@code first}, before the most recently active ones.
     *
     * @param first a fiber to show first (the failing one), or -1
     * @param also  fibers to show next, in order (ignored when they have no kept event)
     * @param lanes fibers shown at most, &gt; 0
     * @return the events, in the order they happened
     */
    List<Kept> kept(int first, List<Integer> also, int lanes) {
        List<Integer> chosen = new ArrayList<>();
        if (first >= 0 && first < fibers.size() && fibers.get(first) != null) {
            chosen.add(first);
        }
        for (int f : also) {
            if (chosen.size() < lanes && f >= 0 && f < fibers.size() && fibers.get(f) != null && !chosen.contains(f)) {
                chosen.add(f);
            }
        }
        List<Integer> byRecency = new ArrayList<>();
        for (int f = 0; f < fibers.size(); f++) {
            if (fibers.get(f) != null && !chosen.contains(f)) {
                byRecency.add(f);
            }
        }
        byRecency.sort(Comparator.comparingLong((Integer f) -> -fibers.get(f).peekLast().seq()).thenComparing(f -> f));
        for (int f : byRecency) {
            if (chosen.size() >= lanes) {
                break;
            }
            chosen.add(f);
        }
        List<Kept> out = new ArrayList<>();
        long from = Long.MAX_VALUE;
        for (int f : chosen) {
            out.addAll(fibers.get(f));
            from = Math.min(from, fibers.get(f).peekFirst().seq());
        }
        for (Kept k : system) {
            if (k.seq() >= from || chosen.isEmpty()) {
                out.add(k);
            }
        }
        out.sort(Comparator.comparingLong(Kept::seq));
        return out;
    }
}
