package dev.whopper.sim;

import dev.whopper.core.io.Clock;

/**
 * Simulated time in nanoseconds. Only the simulator moves it; it never goes backwards.
 * Starts at 0.
 */
public final class VirtualClock implements Clock {
    private long nowNanos;

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    /**
     * Moves time forward by {@code nanos}.
     *
     * @param nanos how far, &gt;= 0
     */
    public void advanceBy(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= 0)");
        }
        nowNanos += nanos;
    }

    /**
     * Moves time forward to {@code timeNanos}; a time in the past is ignored.
     *
     * @param timeNanos target time
     */
    public void advanceTo(long timeNanos) {
        if (timeNanos > nowNanos) {
            nowNanos = timeNanos;
        }
    }
}
