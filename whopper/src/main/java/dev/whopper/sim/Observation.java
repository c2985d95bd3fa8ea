package dev.whopper.sim;

import dev.whopper.reports.latency.IntervalLog;
import dev.whopper.sim.trace.TraceSink;

/**
 * How one run is watched, beyond what it always records: options that never change the run (its trace hash,
 * outcome and decisions are the same with any of them), so they are not part of its configuration or repro.
 * Only the run itself is watched, never the runs that measure it first (PCT's probe, the fault window).
 *
 * @param sink       told every event with its value (e.g. {@code --trace}), or null
 * @param wallClock  measure the wall-clock CPU time of each operation's steps (NONDETERMINISTIC figures)
 * @param latencyLog where interval histograms go as simulated time passes (an HdrHistogram log), or null
 */
public record Observation(TraceSink sink, boolean wallClock, IntervalLog latencyLog) {
    /** Watch nothing more. */
    public static final Observation NONE = new Observation(null, false, null);
}
