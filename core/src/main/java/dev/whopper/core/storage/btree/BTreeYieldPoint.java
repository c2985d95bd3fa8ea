package dev.whopper.core.storage.btree;

import dev.whopper.core.io.YieldPoint;

/**
 * The resumable boundaries inside B+tree operations where an installed
 * {@link dev.whopper.core.io.YieldInjector} may force a yield. At each of them the machine has already
 * moved to its next state, so being called again simply continues.
 */
public enum BTreeYieldPoint implements YieldPoint {
    /** A page of a descent (or of a scan or check walk) was read and recorded. */
    PAGE_LOADED,
    /** One level of a split / merge / redistribute propagation was planned; the next level is the parent. */
    BALANCE_LEVEL,
    /** All new pages were allocated and all writable copies obtained; nothing was written yet. */
    BEFORE_APPLY,
    /** The new page images were written; the root page number is about to change. */
    BEFORE_ROOT_CHANGE,
    /** The mutation was applied; pages that left the tree are about to be freed. */
    BEFORE_FREE
}
