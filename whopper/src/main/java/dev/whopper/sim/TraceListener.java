package dev.whopper.sim;

import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.model.FileCrash;
import dev.whopper.sim.io.CrashReport;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.sim.io.SimIOListener;
import dev.whopper.sim.trace.EventKind;
import dev.whopper.sim.trace.EventRing;
import dev.whopper.sim.trace.TraceHash;

/**
 * Folds what the simulated disk does (every completion, fault and crash) into the trace hash and the
 * event ring, so that two runs whose I/O diverged have different hashes. Allocation-free.
 */
final class TraceListener implements SimIOListener {
    private final TraceHash hash;
    private EventRing ring;
    private dev.whopper.sim.strategy.SchedulerView view;
    /** Observes every disk event with its value, or null (never read by the run). */
    private dev.whopper.sim.trace.TraceSink sink;
    /** Faults and crashes as events, the first {@link dev.whopper.reports.model.RunReport#MAX_FAULTS_KEPT}. */
    private final java.util.List<dev.whopper.reports.model.FaultEvent> faultEvents = new java.util.ArrayList<>();
    private long faultEventsNotKept;
    private final long seed;

    TraceListener(TraceHash hash) {
        this(hash, 0);
    }

    TraceListener(TraceHash hash, long seed) {
        this.hash = hash;
        this.seed = seed;
    }

    /** @param sink told every disk event with its value (null: none) */
    void traceTo(dev.whopper.sim.trace.TraceSink sink) {
        this.sink = sink;
    }

    /** @return the faults and crashes so far, as events (the first ones kept) */
    java.util.List<dev.whopper.reports.model.FaultEvent> faultEvents() {
        return java.util.List.copyOf(faultEvents);
    }

    /** @return faults and crashes beyond those {@link #faultEvents()} kept */
    long faultEventsNotKept() {
        return faultEventsNotKept;
    }

    private void keep(dev.whopper.reports.model.FaultEvent e) {
        if (faultEvents.size() < dev.whopper.reports.model.RunReport.MAX_FAULTS_KEPT) {
            faultEvents.add(e);
        } else {
            faultEventsNotKept++;
        }
    }

    @Override
    public void onSubmit(long timeNanos, String path, CompletionKind kind, long offset, long dueNanos) {
        if (sink != null) {
            sink.event(view.step(), timeNanos, -1, kind.name(), EventKind.IO_SUBMIT,
                (path == null ? "timer" : path + " @" + offset) + ", due at " + dueNanos + " ns");
        }
    }

    void attach(EventRing ring, dev.whopper.sim.strategy.SchedulerView view) {
        this.ring = ring;
        this.view = view;
    }

    @Override
    public void onCompletion(long timeNanos, String path, CompletionKind kind, long offset, long length, int result,
                             ErrorCode error) {
        hash.mix(0x10_0000L | ((long) kind.ordinal() << 8) | (error == null ? 0xFF : error.ordinal()));
        hash.mix(timeNanos);
        hash.mix(offset);
        hash.mix(length ^ ((long) result << 40));
        if (ring != null) {
            ring.add(view.step(), timeNanos, -1, kind.name(), error == null ? EventKind.IO_COMPLETE : EventKind.IO_FAILED);
        }
        if (sink != null) {
            sink.event(view.step(), timeNanos, -1, kind.name(), error == null ? EventKind.IO_COMPLETE : EventKind.IO_FAILED,
                (path == null ? "timer " + length + " ns" : path + " @" + offset + " len " + length + " -> " + result)
                    + (error == null ? "" : " " + error));
        }
    }

    /** A flipped stored bit: where and when (kept for the fault oracle; allocated only when a bit flips). */
    record BitFlip(String path, long offset, long timeNanos) { }

    private final java.util.List<BitFlip> bitFlips = new java.util.ArrayList<>();

    /**
     * @return true when a stored bit of {@code path} below {@code beforeOffset} flipped at or after
     *         {@code sinceNanos}
     */
    boolean bitFlipped(String path, long beforeOffset, long sinceNanos) {
        return bitFlipped(path, 0, beforeOffset, sinceNanos);
    }

    /**
     * @return true when a stored bit of {@code path} in {@code [fromOffset, beforeOffset)} flipped at or after
     *         {@code sinceNanos}
     */
    boolean bitFlipped(String path, long fromOffset, long beforeOffset, long sinceNanos) {
        for (BitFlip f : bitFlips) {
            if (f.path().equals(path) && f.offset() >= fromOffset && f.offset() < beforeOffset && f.timeNanos() >= sinceNanos) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onFault(long timeNanos, String path, FaultKind fault, long offset) {
        if (fault == FaultKind.BIT_FLIP) {
            bitFlips.add(new BitFlip(path, offset, timeNanos));
        }
        hash.mix(0x20_0000L | fault.ordinal());
        hash.mix(offset);
        if (ring != null) {
            ring.add(view.step(), timeNanos, -1, fault.name(), EventKind.FAULT);
        }
        keep(new dev.whopper.reports.model.FaultEvent(seed, view == null ? 0 : view.step(), timeNanos, fault.name(), path, offset));
        if (sink != null) {
            sink.event(view.step(), timeNanos, -1, fault.name(), EventKind.FAULT, path + " @" + offset);
        }
    }

    @Override
    public void onCrash(CrashReport report) {
        keep(new dev.whopper.reports.model.FaultEvent(seed, view == null ? 0 : view.step(), report.atNanos(),
            dev.whopper.reports.model.FaultEvent.CRASH, "", -1));
        hash.mix(0x30_0000L | report.abandonedTotal());
        for (FileCrash f : report.files()) {
            hash.mix(f.lengthAfter());
            hash.mix(f.sectorsKept() ^ (f.sectorsLost() << 32));
        }
    }
}
