/**
 * Latency recording with HdrHistogram: {@link dev.whopper.reports.latency.LatencyRecorder} keeps one
 * histogram per operation kind in simulated microseconds (deterministic for a seed) and, apart from it,
 * the wall-clock CPU time spent in each operation's steps (nondeterministic, never part of a comparison),
 * per-fiber operation counts and longest operations, and a bounded series of intervals for latency over
 * time, each kept as sparse bucket counts while it is small (a soak runs thousands of runs a second and
 * reads the latency of almost none), dense in long runs. {@link dev.whopper.reports.model.LatencyHistogram} is
 * the immutable, mergeable value a report holds (HdrHistogram's compressed encoding, base64); {@link dev.whopper.reports.latency.IntervalLog}
 * writes HdrHistogram's standard interval log. Nothing here reads a clock or draws a random number.
 */
package dev.whopper.reports.latency;
