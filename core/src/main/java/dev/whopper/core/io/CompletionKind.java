package dev.whopper.core.io;

/** What a {@link Completion} tracks. */
public enum CompletionKind {
    /** A positioned read; the completion carries the buffer. */
    READ,
    /** A positioned write (one or several buffers). */
    WRITE,
    /** A sync (fsync) of a file. */
    SYNC,
    /** A truncation of a file. */
    TRUNCATE,
    /** A group of completions built by {@link CompletionGroup}. */
    GROUP,
    /** "Let others run, then call me again": finished and succeeded at birth. */
    YIELD,
    /** A timer that finishes after a delay (busy backoff). */
    TIMER
}
