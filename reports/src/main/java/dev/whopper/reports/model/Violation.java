package dev.whopper.reports.model;

import java.util.List;
import java.util.Objects;

/**
 * What broke, and whom it is blamed on.
 *
 * @param property  the violated property, or what failed for other outcomes (DEADLOCK, LIVENESS, ...)
 * @param message   its message
 * @param step      the step it was found at
 * @param timeNanos the simulated time
 * @param fiber     the fiber it is attributed to (the one that noticed), or -1
 * @param blamed    the other operations it is blamed on (the property's culprits, or the heuristic's guesses),
 *                  most to blame first; empty when none (reports of schema 1 before blame was kept read as empty)
 */
public record Violation(String property, String message, long step, long timeNanos, int fiber, List<Blame> blamed) {
    public Violation {
        Objects.requireNonNull(property, "property");
        message = message == null ? "" : message;
        blamed = blamed == null ? List.of() : List.copyOf(blamed);
    }

    /**
     * A violation without blame.
     *
     * @param property  what broke
     * @param message   its message
     * @param step      the step it was found at
     * @param timeNanos the simulated time
     * @param fiber     the fiber it is attributed to, or -1
     */
    public Violation(String property, String message, long step, long timeNanos, int fiber) {
        this(property, message, step, timeNanos, fiber, List.of());
    }
}
