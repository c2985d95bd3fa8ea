package dev.whopper.core.io;

/** Why a {@link Completion} failed. */
public enum ErrorCode {
    /** The device reported an I/O error (or the file was closed). */
    IO_ERROR,
    /** A read returned fewer bytes than asked for, for example past the end of the file. */
    SHORT_READ,
    /** The operation was cancelled before it finished. */
    ABORTED,
    /** Stored data failed its checksum. */
    CORRUPT,
    /** The device is full. */
    NO_SPACE,
    /** A sync did not reach stable storage. */
    SYNC_FAILED
}
