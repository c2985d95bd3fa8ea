package dev.whopper.sim.io;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a {@link SimIO}'s counters since it was built (crashes do not reset them).
 *
 * @param requests     per request kind (every kind present), its counts
 * @param faults       faults injected, per kind
 * @param bytesRead    bytes copied into read buffers (including the prefix of short reads)
 * @param bytesWritten bytes stored into files' volatile images (including torn prefixes)
 * @param crashes      power losses simulated
 */
public record SimIOStats(
    Map<RequestKind, RequestCounts> requests,
    FaultCounts faults,
    long bytesRead,
    long bytesWritten,
    long crashes) {

    /** Copies {@code requests} into an unmodifiable map that must hold every kind. */
    public SimIOStats {
        requests = complete(RequestKind.class, Objects.requireNonNull(requests, "requests"), "requests");
        Objects.requireNonNull(faults, "faults");
    }

    /**
     * @param kind a request kind
     * @return its counts
     */
    public RequestCounts requests(RequestKind kind) {
        return requests.get(Objects.requireNonNull(kind, "kind"));
    }

    /**
     * Counts of one request kind. {@code submitted == completed + failed + abandoned + pending}.
     *
     * @param submitted requests submitted
     * @param completed requests that finished successfully
     * @param failed    requests that finished with an error (injected or not)
     * @param abandoned requests dropped by a crash before they finished
     */
    public record RequestCounts(long submitted, long completed, long failed, long abandoned) {
        /** @return requests submitted and not yet finished nor abandoned */
        public long pending() {
            return submitted - completed - failed - abandoned;
        }
    }

    /**
     * Faults injected, per {@link FaultKind}.
     *
     * @param byKind how many of each kind (every kind present)
     */
    public record FaultCounts(Map<FaultKind, Long> byKind) {
        /** Copies {@code byKind} into an unmodifiable map that must hold every kind. */
        public FaultCounts {
            byKind = complete(FaultKind.class, Objects.requireNonNull(byKind, "byKind"), "byKind");
        }

        /**
         * @param kind a fault kind
         * @return how many of that kind were injected
         */
        public long count(FaultKind kind) {
            return byKind.get(Objects.requireNonNull(kind, "kind"));
        }

        /** @return every fault injected */
        public long total() {
            long sum = 0;
            for (long n : byKind.values()) {
                sum += n;
            }
            return sum;
        }
    }

    private static <K extends Enum<K>, V> Map<K, V> complete(Class<K> type, Map<K, V> map, String name) {
        EnumMap<K, V> copy = new EnumMap<>(type);
        for (K k : type.getEnumConstants()) {
            V v = map.get(k);
            if (v == null) {
                throw new IllegalArgumentException(name + ": no value for " + k + " (expected: every "
                    + type.getSimpleName() + ")");
            }
            copy.put(k, v);
        }
        return Collections.unmodifiableMap(copy);
    }
}
