package dev.whopper.workloads.property;

import java.util.Objects;

/**
 * What a property found wrong.
 *
 * @param property the property's name
 * @param message  what went wrong, for a person
 */
public record Violation(String property, String message) {
    public Violation {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return property + ": " + message;
    }
}
