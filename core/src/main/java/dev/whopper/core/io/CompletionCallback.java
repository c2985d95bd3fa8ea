package dev.whopper.core.io;

/** Told once when a {@link Completion} finishes (succeeded or failed). */
@FunctionalInterface
public interface CompletionCallback {
    /** A callback that does nothing. */
    CompletionCallback NONE = c -> { };

    /** @param completion the completion that has just finished */
    void onFinished(Completion completion);
}
