package dev.whopper.core.io;

/**
 * A completion's label computed when it is read: a {@link Completion} keeps this object and calls
 * {@link #text()} only when something prints it ({@link Completion#label()}, {@link Completion#toString()},
 * a deadlock report). Hot paths label with an object they already hold (a backend's request, say) or one
 * made once, so no string is built per operation.
 */
@FunctionalInterface
public interface CompletionLabel {
    /**
     * @return a short human description of what the completion waits for, e.g. {@code "read page 7 of
     *         bank.db"}; never {@code null}
     */
    String text();
}
