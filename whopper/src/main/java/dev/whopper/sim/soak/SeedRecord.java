package dev.whopper.sim.soak;

import java.util.List;
import java.util.Objects;

/**
 * What the ledger keeps of one finished seed: enough to rebuild the summary on resume and to merge shards.
 *
 * @param index          the global seed index
 * @param seed           the seed
 * @param kind           the outcome kind ({@code PASSED}, {@code VIOLATION}, ...)
 * @param signature      the failure's {@link Signature}, or {@code null} for a pass
 * @param traceHash      the trace hash, 16 hex digits
 * @param steps          scheduler steps
 * @param simulatedNanos simulated time at the end
 * @param ops            finished operations
 * @param wallNanos      wall-clock time the run took (measured around it, never read inside it)
 * @param newCoverage    the coverage items this seed saw first among the seeds the collector had taken by then
 *                       (a lower seed taken later takes the item over, see {@link CoverageSummary})
 * @param failureDir     the failure's directory relative to the soak directory, or {@code null}
 * @param minimalSteps   steps of the shrunk failure, or -1 when not shrunk
 * @param command        the repro command of a failure (the minimal one when shrunk), or {@code null}
 */
public record SeedRecord(long index, long seed, String kind, String signature, String traceHash, long steps,
                         long simulatedNanos, long ops, long wallNanos, List<String> newCoverage, String failureDir,
                         long minimalSteps, String command) {
    public SeedRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(traceHash, "traceHash");
        newCoverage = newCoverage == null ? List.of() : List.copyOf(newCoverage);
    }

    /** @return true unless PASSED */
    public boolean failed() {
        return !kind.equals("PASSED");
    }

    /** @return the steps a repro of this failure takes: the shrunk run's when shrunk */
    public long reproSteps() {
        return minimalSteps >= 0 ? minimalSteps : steps;
    }

    /**
     * @param items the coverage items it saw first
     * @return this record with them
     */
    public SeedRecord withNewCoverage(List<String> items) {
        return new SeedRecord(index, seed, kind, signature, traceHash, steps, simulatedNanos, ops, wallNanos, items,
            failureDir, minimalSteps, command);
    }
}
