package dev.whopper.sim.io;

import java.util.Objects;

/**
 * A snapshot of a {@link SimIO}'s counters since it was built (crashes do not reset them).
 *
 * @param reads        read requests
 * @param writes       write requests (pwrite and pwritev)
 * @param syncs        sync requests
 * @param truncates    truncation requests
 * @param timers       timers ({@code sleep})
 * @param faults       faults injected, per kind
 * @param bytesRead    bytes copied into read buffers (including the prefix of short reads)
 * @param bytesWritten bytes stored into files' volatile images (including torn prefixes)
 * @param crashes      power losses simulated
 */
public record SimIOStats(
    RequestCounts reads,
    RequestCounts writes,
    RequestCounts syncs,
    RequestCounts truncates,
    RequestCounts timers,
    FaultCounts faults,
    long bytesRead,
    long bytesWritten,
    long crashes) {

    public SimIOStats {
        Objects.requireNonNull(reads, "reads");
        Objects.requireNonNull(writes, "writes");
        Objects.requireNonNull(syncs, "syncs");
        Objects.requireNonNull(truncates, "truncates");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(faults, "faults");
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
     * @param ioErrorRead     reads failed with IO_ERROR
     * @param ioErrorWrite    writes failed with IO_ERROR
     * @param ioErrorSync     syncs failed with IO_ERROR
     * @param ioErrorTruncate truncations failed with IO_ERROR
     * @param shortRead       reads cut short
     * @param tornWrite       writes torn
     * @param bitFlip         writes that stored a flipped bit
     * @param latencySpike    requests delayed by a spike
     * @param syncFailure     syncs failed with SYNC_FAILED
     */
    public record FaultCounts(
        long ioErrorRead,
        long ioErrorWrite,
        long ioErrorSync,
        long ioErrorTruncate,
        long shortRead,
        long tornWrite,
        long bitFlip,
        long latencySpike,
        long syncFailure) {

        /**
         * @param kind a fault kind
         * @return how many of that kind were injected
         */
        public long count(FaultKind kind) {
            return switch (Objects.requireNonNull(kind, "kind")) {
                case IO_ERROR_READ -> ioErrorRead;
                case IO_ERROR_WRITE -> ioErrorWrite;
                case IO_ERROR_SYNC -> ioErrorSync;
                case IO_ERROR_TRUNCATE -> ioErrorTruncate;
                case SHORT_READ -> shortRead;
                case TORN_WRITE -> tornWrite;
                case BIT_FLIP -> bitFlip;
                case LATENCY_SPIKE -> latencySpike;
                case SYNC_FAILURE -> syncFailure;
            };
        }

        /** @return every fault injected */
        public long total() {
            return ioErrorRead + ioErrorWrite + ioErrorSync + ioErrorTruncate + shortRead + tornWrite + bitFlip
                + latencySpike + syncFailure;
        }
    }
}
