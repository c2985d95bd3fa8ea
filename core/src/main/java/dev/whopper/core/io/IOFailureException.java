package dev.whopper.core.io;

/** An I/O failure surfaced to a caller as an exception; carries the {@link CompletionError}. */
public class IOFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CompletionError error;

    /** @param error the failure */
    public IOFailureException(CompletionError error) {
        super(error.toString());
        this.error = error;
    }

    /** @return the failure */
    public CompletionError error() {
        return error;
    }
}
