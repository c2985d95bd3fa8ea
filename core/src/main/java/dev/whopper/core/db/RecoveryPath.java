package dev.whopper.core.db;

/** How opening a database found its files: which recovery path the open took (for coverage reports). */
public enum RecoveryPath {
    /** The database file was empty: a new database was written. */
    NEW_DATABASE,
    /** There was no WAL (or one shorter than its header): nothing to recover. */
    NO_WAL,
    /** The WAL's header did not validate: the WAL was started afresh with new salts. */
    WAL_INVALID,
    /** The WAL held no valid commit frame: started afresh. */
    WAL_EMPTY,
    /** Committed frames were recovered and the WAL ended at its last valid commit. */
    WAL_REPLAYED,
    /** Committed frames were recovered and what followed the last valid commit was cut off. */
    WAL_TAIL_CUT
}
