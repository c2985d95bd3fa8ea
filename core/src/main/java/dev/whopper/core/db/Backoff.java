package dev.whopper.core.db;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;

/**
 * Busy-retry policy of one operation: exponential backoff with jitter, through {@code io.sleep} and
 * {@code io.clock()} so a simulator controls time, until the busy timeout has passed.
 */
final class Backoff {
    /** First delay. */
    static final long INITIAL_DELAY_NANOS = 20_000L;
    /** Largest delay. */
    static final long MAX_DELAY_NANOS = 5_000_000L;

    private final IO io;
    private final long timeoutNanos;
    private long startNanos = -1;
    private long nextDelayNanos = INITIAL_DELAY_NANOS;
    private int attempts;

    Backoff(IO io, long timeoutNanos) {
        this.io = io;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Called after a BUSY attempt.
     *
     * @param what what was busy, for the error message
     * @return the timer completion to wait for before the next attempt, labelled (lazily) {@code "busy backoff
     *         of 40000 ns (put: another connection holds the WRITER lock)"}
     * @throws DbException BUSY when the timeout has passed
     */
    Completion onBusy(String what) {
        long now = io.clock().nowNanos();
        if (startNanos < 0) {
            startNanos = now;
        }
        long waited = now - startNanos;
        attempts++;
        if (waited >= timeoutNanos) {
            throw new DbException(DbError.BUSY, what + " (gave up after " + attempts + " attempts over "
                + waited + " ns; busy timeout " + timeoutNanos + " ns)");
        }
        long jitter = nextDelayNanos / 2 == 0 ? 0 : io.random().nextLong() % (nextDelayNanos / 2);
        long delay = Math.max(1, Math.min(nextDelayNanos + jitter, timeoutNanos - waited));
        nextDelayNanos = Math.min(MAX_DELAY_NANOS, nextDelayNanos * 2);
        return io.sleep(delay, Completion.timer(null).label(() -> "busy backoff of " + delay + " ns (" + what + ")"));
    }
}
