package dev.whopper.core.db;

import dev.whopper.core.storage.page.PageEnvelope;

/**
 * Options of {@link Database#open}.
 *
 * @param pageSize            page size in bytes for a new database: a power of two in 512..65536 (an
 *                            existing database keeps its own)
 * @param cacheCapacityPages  shared page cache capacity in pages, &gt; 0
 * @param autoCheckpointFrames run a PASSIVE checkpoint after a commit when the WAL holds at least this
 *                            many frames; 0 disables auto-checkpoint
 * @param busyTimeoutNanos    how long an operation retries BUSY (with backoff) before failing; 0 fails at once
 */
public record DatabaseOptions(int pageSize, int cacheCapacityPages, int autoCheckpointFrames, long busyTimeoutNanos) {
    /** Checks every component; see the class description for the ranges. */
    public DatabaseOptions {
        if (!PageEnvelope.validPageSize(pageSize)) {
            throw new IllegalArgumentException("pageSize: " + pageSize + " (expected: a power of two in 512..65536)");
        }
        if (cacheCapacityPages <= 0) {
            throw new IllegalArgumentException("cacheCapacityPages: " + cacheCapacityPages + " (expected: > 0)");
        }
        if (autoCheckpointFrames < 0) {
            throw new IllegalArgumentException("autoCheckpointFrames: " + autoCheckpointFrames + " (expected: >= 0)");
        }
        if (busyTimeoutNanos < 0) {
            throw new IllegalArgumentException("busyTimeoutNanos: " + busyTimeoutNanos + " (expected: >= 0)");
        }
    }

    /** @return 4096-byte pages, 2000 cached pages, auto-checkpoint at 1000 frames, 100 ms busy timeout */
    public static DatabaseOptions defaults() {
        return new DatabaseOptions(PageEnvelope.DEFAULT_PAGE_SIZE, 2000, 1000, 100_000_000L);
    }

    /**
     * @param size page size
     * @return a copy with that page size
     */
    public DatabaseOptions withPageSize(int size) {
        return new DatabaseOptions(size, cacheCapacityPages, autoCheckpointFrames, busyTimeoutNanos);
    }

    /**
     * @param pages cache capacity
     * @return a copy with that capacity
     */
    public DatabaseOptions withCacheCapacityPages(int pages) {
        return new DatabaseOptions(pageSize, pages, autoCheckpointFrames, busyTimeoutNanos);
    }

    /**
     * @param frames auto-checkpoint threshold
     * @return a copy with that threshold
     */
    public DatabaseOptions withAutoCheckpointFrames(int frames) {
        return new DatabaseOptions(pageSize, cacheCapacityPages, frames, busyTimeoutNanos);
    }

    /**
     * @param nanos busy timeout
     * @return a copy with that timeout
     */
    public DatabaseOptions withBusyTimeoutNanos(long nanos) {
        return new DatabaseOptions(pageSize, cacheCapacityPages, autoCheckpointFrames, nanos);
    }
}
