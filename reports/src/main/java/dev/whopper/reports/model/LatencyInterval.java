package dev.whopper.reports.model;

/**
 * The latency of every operation that finished in one interval of simulated time (all kinds together),
 * for latency over time.
 *
 * @param startNanos simulated start of the interval (inclusive)
 * @param endNanos   simulated end (exclusive)
 * @param count      operations that finished in it
 * @param p50Micros  their median latency, simulated microseconds
 * @param p99Micros  their 99th percentile
 * @param maxMicros  their largest
 */
public record LatencyInterval(long startNanos, long endNanos, long count, long p50Micros, long p99Micros,
                              long maxMicros) {
    public LatencyInterval {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("endNanos: " + endNanos + " (expected: >= startNanos " + startNanos + ")");
        }
    }
}
