package dev.whopper.sim;

/**
 * Something that finishes completions at simulated times: the simulated disk ({@code SimIO}, its I/O and
 * timers). The scheduler asks it when the next event is due, moves the {@link VirtualClock} there when no
 * fiber can run, and lets it fire what is due.
 */
public interface EventSource {
    /** @return the simulated time of the earliest pending event, or {@link Long#MAX_VALUE} when none */
    long nextDueNanos();

    /**
     * Finishes every pending event due at or before the clock's current time; events due at the same
     * instant fire in an order drawn from the source's own seeded random stream.
     *
     * @return how many events fired
     */
    int fireDue();

    /** @return how many events (I/O requests and timers) are pending */
    int pendingEvents();
}
