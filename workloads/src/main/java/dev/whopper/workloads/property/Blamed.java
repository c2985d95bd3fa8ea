package dev.whopper.workloads.property;

import java.util.Objects;

/**
 * One operation a violation is blamed on: which fiber ran it, which of that fiber's operations it was, when it
 * ran, and why it is to blame. The report highlights it in the failure's timeline and lists it with its reason.
 *
 * <p>The operation is named by {@code opIndex}, the number {@link dev.whopper.workloads.spi.FiberContext#opIndex()}
 * gave it while it ran (the fiber's operations are numbered from 0 in the order it started them), which the
 * timeline matches exactly. When a property cannot know it ({@code -1}), the timeline takes the fiber's operation
 * that was running at {@code fromNanos}: the last one it started at or before then.
 *
 * @param fiber     the fiber that ran it, &gt;= 0
 * @param opIndex   the fiber's operation number, or -1 when unknown
 * @param fromNanos simulated time the transaction (or operation) began, as the property saw it
 * @param toNanos   simulated time it ended (committed, or was last seen), &gt;= {@code fromNanos}
 * @param reason    why it is to blame, for a person, e.g. {@code "committed the write #12 of key k03 the read missed"}
 */
public record Blamed(int fiber, long opIndex, long fromNanos, long toNanos, String reason) {
    public Blamed {
        if (fiber < 0) {
            throw new IllegalArgumentException("fiber: " + fiber + " (expected: >= 0)");
        }
        if (opIndex < -1) {
            throw new IllegalArgumentException("opIndex: " + opIndex + " (expected: >= -1)");
        }
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("toNanos: " + toNanos + " (expected: >= fromNanos " + fromNanos + ")");
        }
        Objects.requireNonNull(reason, "reason");
    }
}
