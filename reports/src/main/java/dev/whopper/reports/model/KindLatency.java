package dev.whopper.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The latency of one operation kind.
 *
 * @param kind            the operation kind (begin, get, put, commit, ..., or the workload's own name)
 * @param simulatedMicros latency in simulated microseconds, from the operation's start to its finish:
 *                        deterministic for a seed
 * @param wallNanos       wall-clock CPU time spent in the operation's steps, in nanoseconds:
 *                        NONDETERMINISTIC (machine, JIT, load), never compared; empty when not measured
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KindLatency(String kind, LatencyHistogram simulatedMicros, LatencyHistogram wallNanos) {
    public KindLatency {
        Objects.requireNonNull(kind, "kind");
        simulatedMicros = simulatedMicros == null ? LatencyHistogram.empty() : simulatedMicros;
        wallNanos = wallNanos == null ? LatencyHistogram.empty() : wallNanos;
    }

    /** @return operations measured (JSON: derived, ignored on read) */
    @JsonProperty("count")
    public long count() {
        return simulatedMicros.count();
    }

    /** @return p50, p90, p99, p99.9 and max in simulated microseconds (JSON: derived, ignored on read) */
    @JsonProperty("simulatedMicrosSummary")
    public java.util.Map<String, Long> summary() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        out.put("p50", simulatedMicros.percentile(50));
        out.put("p90", simulatedMicros.percentile(90));
        out.put("p99", simulatedMicros.percentile(99));
        out.put("p99.9", simulatedMicros.percentile(99.9));
        out.put("max", simulatedMicros.max());
        return out;
    }

    /**
     * @param other the same kind's latency from another run
     * @return both added
     */
    public KindLatency plus(KindLatency other) {
        if (!kind.equals(other.kind)) {
            throw new IllegalArgumentException("kind: " + other.kind + " (expected: " + kind + ")");
        }
        return new KindLatency(kind, simulatedMicros.plus(other.simulatedMicros), wallNanos.plus(other.wallNanos));
    }
}
