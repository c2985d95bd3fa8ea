package dev.whopper.core.db;

/** Checkpoint modes, as in SQLite. */
public enum CheckpointMode {
    /** Copy what is safe now (frames up to the oldest reader's snapshot); never wait, never block writers. */
    PASSIVE,
    /** Take the WRITER lock and wait (busy timeout) until every reader sees the whole WAL, then copy all of it. */
    FULL,
    /** FULL, then wait until no reader uses the WAL and start a new WAL generation (new salts). */
    RESTART,
    /** RESTART, and truncate the WAL file to zero bytes. */
    TRUNCATE
}
