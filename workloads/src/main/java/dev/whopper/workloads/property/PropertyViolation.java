package dev.whopper.workloads.property;

import java.util.Objects;

/**
 * Thrown by a property hook (or by code under test that checks itself) to report a violation. The
 * simulator turns it into a VIOLATION outcome, never into an internal error.
 */
public final class PropertyViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    /** @param violation what was violated */
    public PropertyViolation(Violation violation) {
        super(Objects.requireNonNull(violation, "violation").toString(), null, false, false);
        this.violation = violation;
    }

    /**
     * @param property the property's name
     * @param message  what went wrong
     */
    public PropertyViolation(String property, String message) {
        this(new Violation(property, message));
    }

    /** @return what was violated */
    public Violation violation() {
        return violation;
    }
}
