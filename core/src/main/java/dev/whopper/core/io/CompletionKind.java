package dev.whopper.core.io;

import java.util.Objects;

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
    /** A timer that finishes after a delay (busy backoff, a fiber's sleep). */
    TIMER,
    /** A wait finished by hand by whoever is waited for (a signal, a mutex): {@link Completion#waiting}. */
    WAIT;

    /**
     * The argument check of every backend's request methods.
     *
     * @param c a completion handed to a request
     * @return {@code c}
     * @throws NullPointerException     when {@code c} is null
     * @throws IllegalArgumentException ({@code "completion kind: WRITE (expected: READ)"}) when {@code c} is of
     *                                  another kind
     */
    public Completion require(Completion c) {
        Objects.requireNonNull(c, "completion");
        if (c.kind() != this) {
            throw new IllegalArgumentException("completion kind: " + c.kind() + " (expected: " + this + ")");
        }
        return c;
    }
}
