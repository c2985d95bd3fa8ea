package dev.whopper.reports.model;

/**
 * What one fiber (simulated connection) did.
 *
 * @param fiber            its id
 * @param ops              operations it finished
 * @param longestWaitNanos the longest simulated time one of its operations took from start to finish
 *                         (a starved fiber shows a long one)
 */
public record FiberLine(int fiber, long ops, long longestWaitNanos) {
    /**
     * @param other the same fiber in another run
     * @return operations added, the longer wait kept
     */
    public FiberLine plus(FiberLine other) {
        return new FiberLine(fiber, ops + other.ops, Math.max(longestWaitNanos, other.longestWaitNanos));
    }
}
