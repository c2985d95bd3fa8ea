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

    TraceListener(TraceHash hash) {
        this.hash = hash;
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
    }

    @Override
    public void onCrash(CrashReport report) {
        hash.mix(0x30_0000L | report.abandonedTotal());
        for (FileCrash f : report.files()) {
            hash.mix(f.lengthAfter());
            hash.mix(f.sectorsKept() ^ (f.sectorsLost() << 32));
        }
    }
}
