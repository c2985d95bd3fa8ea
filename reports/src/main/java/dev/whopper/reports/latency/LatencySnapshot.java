package dev.whopper.reports.latency;

import dev.whopper.reports.model.FiberLine;
import dev.whopper.reports.model.KindLatency;
import dev.whopper.reports.model.LatencyInterval;
import java.util.List;

/**
 * What a {@link LatencyRecorder} recorded, frozen.
 *
 * @param kinds         latency per operation kind, in first-seen order
 * @param overTime      latency per interval of simulated time (all kinds), oldest first
 * @param fibers        per-fiber operation counts and longest operations, by id
 */
public record LatencySnapshot(List<KindLatency> kinds, List<LatencyInterval> overTime, List<FiberLine> fibers) {
    /** Nothing recorded. */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(List.of(), List.of(), List.of());

    public LatencySnapshot {
        kinds = List.copyOf(kinds);
        overTime = List.copyOf(overTime);
        fibers = List.copyOf(fibers);
    }
}
