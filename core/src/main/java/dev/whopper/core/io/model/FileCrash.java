package dev.whopper.core.io.model;

import java.util.Objects;

/**
 * What a crash that keeps unsynced operations ({@link Volume#crashKeepingOperations}) did to one file. A
 * write covers the sectors from {@code offset / sectorSize} to {@code (offset + length - 1) / sectorSize}; a
 * torn write counts its surviving sectors as kept and the others as lost.
 *
 * @param path          the file
 * @param lengthBefore  its visible (volatile) length before the crash
 * @param lengthAfter   its length after the crash
 * @param writesKept    unsynced writes that survived whole
 * @param writesLost    unsynced writes lost whole
 * @param writesTorn    unsynced writes of which only some sectors survived (0 or 1)
 * @param sectorsKept   sectors of unsynced writes that survived
 * @param sectorsLost   sectors of unsynced writes that were lost
 * @param truncatesKept unsynced truncations that survived
 * @param truncatesLost unsynced truncations that were lost
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
    /** Checks that {@code path} is not null. */
    public FileCrash {
        Objects.requireNonNull(path, "path");
    }
}
