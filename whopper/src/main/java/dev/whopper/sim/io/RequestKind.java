package dev.whopper.sim.io;

import dev.whopper.core.io.CompletionKind;

/** What a {@link SimIO} request is: the four file operations and timers. */
public enum RequestKind {
    /** {@code pread}. */
    READ(CompletionKind.READ),
    /** {@code pwrite} and {@code pwritev}. */
    WRITE(CompletionKind.WRITE),
    /** {@code sync}. */
    SYNC(CompletionKind.SYNC),
    /** {@code truncate}. */
    TRUNCATE(CompletionKind.TRUNCATE),
    /** {@code sleep}: a timer. */
    TIMER(CompletionKind.TIMER);

    private final CompletionKind completionKind;

    RequestKind(CompletionKind completionKind) {
        this.completionKind = completionKind;
    }

    /** @return the kind of completion this request finishes */
    public CompletionKind completionKind() {
        return completionKind;
    }
}
