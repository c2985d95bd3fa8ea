package dev.whopper.reports.model;

import java.util.Objects;

/**
 * What broke.
 *
 * @param property  the violated property, or what failed for other outcomes (DEADLOCK, LIVENESS, ...)
 * @param message   its message
 * @param step      the step it was found at
 * @param timeNanos the simulated time
 * @param fiber     the fiber it is attributed to, or -1
 */
public record Violation(String property, String message, long step, long timeNanos, int fiber) {
    public Violation {
        Objects.requireNonNull(property, "property");
        message = message == null ? "" : message;
    }
}
