package dev.whopper.workloads.property;

import java.util.Objects;

/**
 * How an operation ended, as a property sees it.
 */
public sealed interface OpResult permits OpResult.Ok, OpResult.Failed, OpResult.Unknown {

    /**
     * The operation returned a value.
     *
     * @param value the value (may be {@code null})
     */
    record Ok(Object value) implements OpResult { }

    /**
     * The operation failed with an error (an I/O failure it reported, or an exception it threw).
     *
     * @param error the error
     */
    record Failed(Throwable error) implements OpResult {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The operation was in flight when the system crashed: it may or may not have taken effect. */
    record Unknown() implements OpResult { }

    /** The shared unknown outcome. */
    OpResult UNKNOWN = new Unknown();
}
