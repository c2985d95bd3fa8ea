package dev.whopper.core.io;

import java.util.Objects;

/**
 * Why a completion failed: a code and a message a person can act on.
 *
 * @param code    the kind of failure
 * @param message what happened, for example {@code "read of 4096 bytes at offset 8192 returned 100"}
 */
public record CompletionError(ErrorCode code, String message) {
    /** Checks that both components are present. */
    public CompletionError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The shared error of an aborted completion. */
    public static final CompletionError ABORTED = new CompletionError(ErrorCode.ABORTED, "aborted");

    /** @return an {@link IOFailureException} carrying this error */
    public IOFailureException toException() {
        return new IOFailureException(this);
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
