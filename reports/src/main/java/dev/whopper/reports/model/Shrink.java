package dev.whopper.reports.model;

import java.util.Objects;

/**
 * How a failing run was shrunk.
 *
 * @param before the original run's size
 * @param after  the minimal run's size
 * @param repro  the minimal run's command line
 */
public record Shrink(Size before, Size after, String repro) {
    /**
     * A run's size.
     *
     * @param fibers    fibers (connections)
     * @param steps     scheduler steps taken
     * @param decisions decisions in its log
     * @param faults    fault classes on (e.g. {@code "chaos"} or {@code "none"})
     */
    public record Size(int fibers, long steps, long decisions, String faults) { }

    public Shrink {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        repro = repro == null ? "" : repro;
    }
}
