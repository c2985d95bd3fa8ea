package dev.whopper.core.db;

/**
 * Counters of one open {@link Database}, for reports.
 *
 * @param commits          commits published since open
 * @param walFrames        committed frames in the WAL now
 * @param backfilledFrames frames of the WAL copied into the database file
 * @param cachedPages      page versions in the shared cache
 * @param cacheHits        cache lookups that found their version
 * @param cacheMisses      cache lookups that missed
 * @param pageReads        page reads issued by the cache (shared in-flight reads count once)
 * @param evictions        cache entries evicted
 * @param readers          open read snapshots
 * @param tree             what committed transactions did to the tree's structure since open
 * @param checkpoints      what the auto-checkpoints did since open
 * @param recovery         the recovery path the open that made this database took
 */
public record DatabaseStats(long commits, int walFrames, int backfilledFrames, int cachedPages, long cacheHits,
                            long cacheMisses, long pageReads, long evictions, int readers, TreeStats tree,
                            CheckpointStats checkpoints, RecoveryPath recovery) {
    /** @return cache misses that joined a read already in flight for the same page (a shared in-flight read) */
    public long sharedReads() {
        return Math.max(0, cacheMisses - pageReads);
    }
}
