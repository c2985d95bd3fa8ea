package dev.whopper.sim.io;

import dev.whopper.core.io.model.FileCrash;
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
}
