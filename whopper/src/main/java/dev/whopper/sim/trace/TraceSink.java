package dev.whopper.sim.trace;

/**
 * Told every event of a run with its value, as it happens (the {@link EventRing} keeps only the last ones, and
 * no values): for {@code whopper run --trace} and the report's per-fiber timeline. A sink only observes: it
 * must not touch the run (no randomness, no decisions), so a run with a sink has the same trace hash as
 * without. Events come in the order the ring records them; a steady stretch of yields is told when it ends,
 * each with its own step and time.
 */
@FunctionalInterface
public interface TraceSink {
    /**
     * @param step      the scheduler step
     * @param timeNanos simulated time
     * @param fiber     the fiber, or -1 for the system
     * @param op        the fiber's operation kind, or for a system event the I/O or fault kind ({@code ""}: none)
     * @param kind      what happened; {@code IO_SUBMIT} is told with kind {@link EventKind#IO_SUBMIT}
     * @param value     what it carried: an operation's value or description, an error, a request's file and
     *                  offset; {@code null} for none. Valid only during the call (format it there).
     */
    void event(long step, long timeNanos, int fiber, String op, EventKind kind, Object value);
}
