package dev.whopper.core.db;

/** Why a database operation failed. */
public enum DbError {
    /** A lock (WRITER or CHECKPOINTER, or readers a checkpoint waits for) stayed unavailable for the busy timeout. */
    BUSY,
    /** A deferred transaction tried to write but its snapshot is older than the latest commit; roll back and retry. */
    BUSY_SNAPSHOT,
    /** Stored data failed a checksum or a structural check. */
    CORRUPT,
    /** The device reported an I/O error. */
    IO_ERROR,
    /** An earlier WAL sync failed: the database refuses writes until it is reopened. */
    READONLY_AFTER_SYNC_FAILURE,
    /** A key/value pair is larger than a page allows. */
    TOO_BIG,
    /** The API was used wrongly (closed connection, commit without a transaction, ...). */
    MISUSE
}
