package dev.whopper.workloads.dbclient;

import dev.whopper.core.db.IntegrityReport;
import dev.whopper.workloads.spi.FaultOracle;

/**
 * What an integrity report means in a run with faults: clean, damaged in a way that bit flips the disk really made
 * explain (each page that failed its checksum was read from bytes a flip hit), or damaged with nothing to explain it
 * (a bug).
 */
public enum IntegrityVerdict {
    /** Nothing found. */
    CLEAN,
    /** Every page that failed its checksum was read from bytes a detected bit flip hit; the rest follows from those. */
    EXPLAINED_BY_BIT_FLIP,
    /** Damage no injected fault explains. */
    DAMAGED;

    /**
     * @param report what the integrity check found
     * @param faults what the run's disk injected
     * @return the verdict
     */
    public static IntegrityVerdict of(IntegrityReport report, FaultOracle faults) {
        if (report.clean()) {
            return CLEAN;
        }
        return report.explainedBy(s -> faults.bitFlippedIn(s.path(), s.offset(), s.endOffset(), 0))
            ? EXPLAINED_BY_BIT_FLIP : DAMAGED;
    }
}
