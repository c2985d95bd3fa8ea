package dev.whopper.sim;

import java.util.Map;

/**
 * What a run counted.
 *
 * @param steps           scheduler steps
 * @param timeNanos       simulated time at the end
 * @param decisions       choices made (scheduler picks with two or more options, yield decisions)
 * @param opsByKind       finished operations per kind (in first-seen order)
 * @param opsFailed       operations that finished with an error
 * @param yieldsInjected  yields forced by yield injection
 * @param timeJumps       times the clock jumped to the next event because nobody could run
 * @param faultsByKind    injected faults per kind (empty without simulated I/O)
 * @param crashes         simulated crashes
 */
public record Counters(long steps, long timeNanos, long decisions, Map<String, Long> opsByKind, long opsFailed,
                       long yieldsInjected, long timeJumps, Map<String, Long> faultsByKind, long crashes) {
    public Counters {
        opsByKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(opsByKind));
        faultsByKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(faultsByKind));
    }

    /** @return total finished operations */
    public long ops() {
        long n = 0;
        for (long v : opsByKind.values()) {
            n += v;
        }
        return n;
    }
}
