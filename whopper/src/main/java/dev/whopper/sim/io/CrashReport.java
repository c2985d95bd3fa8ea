package dev.whopper.sim.io;

import java.util.List;
import java.util.Objects;

/**
 * What one power loss did.
 *
 * @param atNanos            the virtual time of the crash
 * @param abandonedReads     reads in flight whose callbacks will never run
 * @param abandonedWrites    writes in flight, abandoned
 * @param abandonedSyncs     syncs in flight, abandoned
 * @param abandonedTruncates truncations in flight, abandoned
 * @param abandonedTimers    timers pending, abandoned
 * @param files              per file, in path order, what happened to its unsynced operations
 */
public record CrashReport(
    long atNanos,
    int abandonedReads,
    int abandonedWrites,
    int abandonedSyncs,
    int abandonedTruncates,
    int abandonedTimers,
    List<FileCrash> files) {

    public CrashReport {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    /** @return every abandoned request and timer */
    public int abandonedTotal() {
        return abandonedReads + abandonedWrites + abandonedSyncs + abandonedTruncates + abandonedTimers;
    }

    /**
     * What a crash did to one file. A write covers the sectors from {@code offset / sectorSize} to
     * {@code (offset + length - 1) / sectorSize}; a torn write counts its surviving sectors as kept and the
     * others as lost.
     *
     * @param path             the file
     * @param lengthBefore     its visible (volatile) length before the crash
     * @param lengthAfter      its length after the crash
     * @param writesKept       unsynced writes that survived whole
     * @param writesLost       unsynced writes lost whole
     * @param writesTorn       unsynced writes of which only some sectors survived (0 or 1)
     * @param sectorsKept      sectors of unsynced writes that survived
     * @param sectorsLost      sectors of unsynced writes that were lost
     * @param truncatesKept    unsynced truncations that survived
     * @param truncatesLost    unsynced truncations that were lost
     */
    public record FileCrash(
        String path,
        long lengthBefore,
        long lengthAfter,
        int writesKept,
        int writesLost,
        int writesTorn,
        long sectorsKept,
        long sectorsLost,
        int truncatesKept,
        int truncatesLost) {
        public FileCrash {
            Objects.requireNonNull(path, "path");
        }
    }
}
