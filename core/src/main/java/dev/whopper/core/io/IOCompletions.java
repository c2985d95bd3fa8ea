package dev.whopper.core.io;

import java.util.Objects;

/**
 * What an {@link IOResult.IO} result waits for: one {@link Completion}, which may be a group
 * (see {@link CompletionGroup}) when the operation waits for several.
 *
 * @param completion the completion to wait for
 */
public record IOCompletions(Completion completion) {
    /** Checks that the completion is present. */
    public IOCompletions {
        Objects.requireNonNull(completion, "completion");
    }
}
