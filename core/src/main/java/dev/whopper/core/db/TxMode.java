package dev.whopper.core.db;

/** How {@link Connection#begin} starts a transaction. */
public enum TxMode {
    /** Take the snapshot at the first read or write; take the WRITER lock at the first write. */
    DEFERRED,
    /** Take the WRITER lock (and the snapshot) at begin. */
    IMMEDIATE
}
