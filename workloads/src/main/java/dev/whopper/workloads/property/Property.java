package dev.whopper.workloads.property;

import dev.whopper.workloads.spi.Operation;

/**
 * An invariant watched during a simulated run. Every hook returns {@code null} when the property holds,
 * or a {@link Violation}; a hook may also throw {@link PropertyViolation}. Hooks run on the simulation's
 * single thread, between scheduler steps; they must not draw randomness or read the wall clock.
 *
 * <p>Operations are passed as the {@link Operation} objects the workload created, so a property can
 * recognise its own operation types ({@code op instanceof Transfer t}); fibers are numbered from 0.
 */
public interface Property {
    /** @return the property's stable name (shown in reports and used by shrinking to match failures) */
    String name();

    /**
     * An operation is about to take its first step.
     *
     * @param fiber the fiber
     * @param op    the operation
     * @return {@code null}, or a violation
     */
    default Violation onOpStart(int fiber, Operation<?> op) {
        return null;
    }

    /**
     * An operation finished.
     *
     * @param fiber  the fiber
     * @param op     the operation
     * @param result its value or error ({@link OpResult.Unknown} when a crash cut it off)
     * @return {@code null}, or a violation
     */
    default Violation onOpFinish(int fiber, Operation<?> op, OpResult result) {
        return null;
    }

    /**
     * After each scheduler step (keep it cheap: it runs once per step).
     *
     * @return {@code null}, or a violation
     */
    default Violation afterStep() {
        return null;
    }

    /**
     * The simulated system crashed; operations in flight were abandoned.
     *
     * @param timeNanos simulated time of the crash
     * @return {@code null}, or a violation
     */
    default Violation onCrash(long timeNanos) {
        return null;
    }

    /**
     * The system recovered after a crash; fibers reconnect.
     *
     * @param timeNanos simulated time of the recovery
     * @return {@code null}, or a violation
     */
    default Violation onRecovery(long timeNanos) {
        return null;
    }

    /**
     * @return true when {@link #onEnd} checks the final state, which only a run whose fibers all finished has:
     *         a run cut short by its step budget reports this property as skipped, never as held
     */
    default boolean checksAtEnd() {
        return false;
    }

    /**
     * The run ended.
     *
     * @param end how it ended
     * @return {@code null}, or a violation
     */
    default Violation onEnd(RunEnd end) {
        return null;
    }

    /**
     * @param message what went wrong
     * @return a violation of this property
     */
    default Violation violation(String message) {
        return new Violation(name(), message);
    }
}
