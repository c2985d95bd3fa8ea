package dev.whopper.workloads.property;

import java.util.List;
import java.util.Objects;

/**
 * What a property found wrong, and optionally whom it blames: the operations (of any fiber, not only the one
 * that noticed) whose interleaving broke it. A violation without blame is reported with a heuristic instead (the
 * other fibers' operations that overlapped the failing one in simulated time).
 *
 * @param property the property's name
 * @param message  what went wrong, for a person
 * @param blamed   the operations it is blamed on, most to blame first (empty: the property does not say)
 */
public record Violation(String property, String message, List<Blamed> blamed) {
    public Violation {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(message, "message");
        blamed = blamed == null ? List.of() : List.copyOf(blamed);
    }

    /**
     * A violation that blames nobody in particular.
     *
     * @param property the property's name
     * @param message  what went wrong
     */
    public Violation(String property, String message) {
        this(property, message, List.of());
    }

    /**
     * @param culprits the operations to blame
     * @return this violation blaming them (instead of whom it blamed)
     */
    public Violation blaming(List<Blamed> culprits) {
        return new Violation(property, message, culprits);
    }

    @Override
    public String toString() {
        return property + ": " + message;
    }
}
