package dev.whopper.core.db;

import dev.whopper.core.io.YieldPoint;

/**
 * Every place where the storage engine (pager, WAL, locks, checkpoint) may yield to an installed
 * {@link dev.whopper.core.io.YieldInjector}. Each is a resumable boundary: the state machine's progress
 * is saved before it returns {@code IO(yield)}, and calling it again continues from there. The B+tree
 * adds its own points inside balance.
 */
public enum EngineYieldPoint implements YieldPoint {
    /** A transaction found the page version it needs in the shared cache (before returning it). */
    PAGE_CACHE_HIT,
    /** A commit has submitted some of its WAL frames and is about to submit the next one. */
    BETWEEN_WAL_FRAME_WRITES,
    /** A commit's frames are written and synced; it is about to publish (advance maxFrame, release WRITER). */
    BEFORE_COMMIT_PUBLISH,
    /** A transaction is about to take the WRITER lock (upgrade from reading to writing). */
    LOCK_UPGRADE,
    /** A checkpoint finished one phase (locks taken, pages read, pages written, database synced) and starts the next. */
    BETWEEN_CHECKPOINT_PHASES
}
