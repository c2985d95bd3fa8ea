package dev.whopper.reports.latency;

import dev.whopper.reports.model.FiberLine;
import dev.whopper.reports.model.KindLatency;
import dev.whopper.reports.model.LatencyHistogram;
import dev.whopper.reports.model.LatencyInterval;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Records one run's operation latencies: one HdrHistogram per operation kind in simulated microseconds
 * (deterministic: it only sees simulated times), the wall-clock CPU time of each operation's steps
 * apart (nondeterministic), each fiber's finished operations and longest operation, and latency over time
 * in at most {@link #MAX_INTERVALS} intervals (the interval width doubles, adjacent intervals merging,
 * whenever the run outgrows them). Optionally also writes an HdrHistogram interval log
 * ({@link #logTo(IntervalLog)}). Single-threaded, like the run; it reads no clock and draws no random
 * number, so recording cannot change a run.
 *
 * <p>Recording allocates little, since a soak runs thousands of these a second: a kind and an interval keep only the
 * buckets they hit ({@link SparseCounts}), a kind's wall-clock counts exist only once a wall-clock time is
 * recorded for it, and a snapshot's histograms are built only when read ({@link LatencyHistogram#ofCounts});
 * every figure is HdrHistogram's own over the same counts.
 *
 * <p>Kinds are registered by index ({@link #kind(int, String)}), densely from 0 in first-seen order, so the
 * simulator can reuse the index it already has for its operation counts; recording is then array access.
 */
public final class LatencyRecorder {
    /** Intervals of latency over time kept at most. */
    public static final int MAX_INTERVALS = 120;
    /** The width of the first intervals: 1 ms simulated. */
    public static final long FIRST_INTERVAL_NANOS = 1_000_000;
    private static final int INTERVAL_DIGITS = 2;

    private final List<String> names = new ArrayList<>();
    private SparseCounts[] simulated = new SparseCounts[8];
    private SparseCounts[] wall = new SparseCounts[8]; // a kind's stays null until a wall-clock time is recorded for it
    /**
     * By fiber: {@code [2 f]} its finished operations, {@code [2 f + 1]} its longest one in nanoseconds; one
     * array, so that recording a random fiber's finish (one of many thousands) touches one cache line, not two.
     */
    private final long[] fiberStats;
    private final List<SparseCounts> intervals = new ArrayList<>(); // null: an interval without values
    private int openInterval = -1; // the interval that got the latest value
    private final Histogram kindBuckets = LatencyHistogram.newHistogram(); // bucket arithmetic of the kinds
    private final Histogram intervalBuckets = new Histogram(INTERVAL_DIGITS); // the intervals', and a scratch
    private long intervalNanos = FIRST_INTERVAL_NANOS;
    private IntervalLog log;

    /** @param fibers how many fibers the run has, &gt; 0 */
    public LatencyRecorder(int fibers) {
        if (fibers <= 0) {
            throw new IllegalArgumentException("fibers: " + fibers + " (expected: > 0)");
        }
        fiberStats = new long[2 * fibers];
    }

    /** @param log where interval histograms go as the run's simulated time passes (null: nowhere) */
    public void logTo(IntervalLog log) {
        this.log = log;
    }

    /**
     * Registers an operation kind under the next index; an index already registered must keep its name.
     *
     * @param index {@link #kinds()} for a new kind, or an index registered before
     * @param name  the kind
     */
    public void kind(int index, String name) {
        if (index < names.size()) {
            if (!names.get(index).equals(name)) {
                throw new IllegalArgumentException("kind " + index + ": " + name + " (expected: " + names.get(index) + ")");
            }
            return;
        }
        if (index != names.size()) {
            throw new IllegalArgumentException("kind index: " + index + " (expected: <= " + names.size() + ")");
        }
        if (index == simulated.length) {
            simulated = java.util.Arrays.copyOf(simulated, index * 2);
            wall = java.util.Arrays.copyOf(wall, index * 2);
        }
        names.add(name);
        simulated[index] = new SparseCounts(kindBuckets);
    }

    /** @return kinds registered */
    public int kinds() {
        return names.size();
    }

    /**
     * An operation finished (successfully or not).
     *
     * @param kind       its kind's index
     * @param fiber      its fiber
     * @param startNanos simulated time it started
     * @param endNanos   simulated time it finished, &gt;= the previous call's
     */
    public void finished(int kind, int fiber, long startNanos, long endNanos) {
        long nanos = Math.max(0, endNanos - startNanos);
        long micros = nanos / 1_000;
        simulated[kind].record(micros);
        fiberStats[2 * fiber]++;
        if (nanos > fiberStats[2 * fiber + 1]) {
            fiberStats[2 * fiber + 1] = nanos;
        }
        interval(endNanos, micros);
        if (log != null) {
            log.record(names.get(kind), endNanos, micros);
        }
    }

    /**
     * @param fiber a fiber
     * @return its finished operations so far (a step loop also reads it ahead of the fiber's step, to have
     *         the record's cache line on its way before {@link #finished} updates it)
     */
    public long fiberOperations(int fiber) {
        return fiberStats[2 * fiber];
    }

    /**
     * The wall-clock CPU time one finished operation spent in its steps: NONDETERMINISTIC, kept apart.
     *
     * @param kind  its kind's index
     * @param nanos wall-clock nanoseconds
     */
    public void wall(int kind, long nanos) {
        if (wall[kind] == null) {
            wall[kind] = new SparseCounts(kindBuckets);
        }
        wall[kind].record(Math.max(0, nanos));
    }

    /** Counts {@code micros} in the interval that ends at {@code endNanos}, the latest (end times never decrease). */
    private void interval(long endNanos, long micros) {
        long index = endNanos / intervalNanos;
        while (index >= MAX_INTERVALS) {
            coarsen();
            index = endNanos / intervalNanos;
        }
        while (intervals.size() <= index) {
            intervals.add(null);
        }
        if (index != openInterval) {
            if (openInterval >= 0 && intervals.get(openInterval) != null) {
                intervals.get(openInterval).compact(); // end times never decrease: it gets no more values
            }
            openInterval = (int) index;
        }
        SparseCounts c = intervals.get((int) index);
        if (c == null) {
            c = new SparseCounts(intervalBuckets);
            intervals.set((int) index, c);
        }
        c.record(micros);
    }

    /** Doubles the interval width: intervals 2k and 2k+1 become interval k. */
    private void coarsen() {
        List<SparseCounts> merged = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i += 2) {
            SparseCounts a = intervals.get(i);
            SparseCounts b = i + 1 < intervals.size() ? intervals.get(i + 1) : null;
            if (a == null) {
                a = b;
            } else if (b != null) {
                a.add(b);
            }
            merged.add(a);
        }
        intervals.clear();
        intervals.addAll(merged);
        intervalNanos *= 2;
        openInterval = -1;
    }

    /** @return the width of the latency-over-time intervals now, simulated nanoseconds */
    public long intervalNanos() {
        return intervalNanos;
    }

    private static LatencyHistogram frozen(SparseCounts c) {
        return c == null ? LatencyHistogram.empty() : c.frozen();
    }

    /** @return what was recorded so far, frozen */
    public LatencySnapshot snapshot() {
        List<KindLatency> kinds = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            kinds.add(new KindLatency(names.get(i), frozen(simulated[i]), frozen(wall[i])));
        }
        List<LatencyInterval> overTime = new ArrayList<>();
        intervalBuckets.setAutoResize(true);
        for (int i = 0; i < intervals.size(); i++) {
            SparseCounts counts = intervals.get(i);
            long start = i * intervalNanos;
            if (counts == null) {
                overTime.add(new LatencyInterval(start, start + intervalNanos, 0, 0, 0, 0));
            } else {
                Histogram h = intervalBuckets;
                h.reset();
                counts.into(h);
                overTime.add(new LatencyInterval(start, start + intervalNanos, h.getTotalCount(),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue()));
            }
        }
        List<FiberLine> fibers = new ArrayList<>(fiberStats.length / 2);
        for (int f = 0; f < fiberStats.length / 2; f++) {
            fibers.add(new FiberLine(f, fiberStats[2 * f], fiberStats[2 * f + 1]));
        }
        return new LatencySnapshot(kinds, overTime, fibers);
    }
}
