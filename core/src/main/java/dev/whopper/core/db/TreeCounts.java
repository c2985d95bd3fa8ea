package dev.whopper.core.db;

import dev.whopper.core.storage.btree.TreeChange;

/** Mutable tallies of {@link TreeStats}: one per transaction (what it did), one per database (what committed). */
final class TreeCounts {
    private final long[] changes = new long[TreeChange.values().length];
    private long pagesFreed;
    private long freelistReuses;

    void count(TreeChange c) {
        changes[c.ordinal()]++;
    }

    void freed() {
        pagesFreed++;
    }

    void reused() {
        freelistReuses++;
    }

    /** Adds {@code o}'s tallies to these. */
    void add(TreeCounts o) {
        for (int i = 0; i < changes.length; i++) {
            changes[i] += o.changes[i];
        }
        pagesFreed += o.pagesFreed;
        freelistReuses += o.freelistReuses;
    }

    TreeStats snapshot() {
        return new TreeStats(changes[TreeChange.SPLIT.ordinal()], changes[TreeChange.MERGE.ordinal()],
            changes[TreeChange.REDISTRIBUTE.ordinal()], changes[TreeChange.ROOT_SPLIT.ordinal()],
            changes[TreeChange.ROOT_COLLAPSE.ordinal()], pagesFreed, freelistReuses);
    }
}
