package dev.whopper.reports.model;

import java.util.Map;

/**
 * What the code under test reached, with counts: what a passing run really exercised.
 *
 * @param yieldPoints    each named yield point the engine asked about (EngineYieldPoint, BTreeYieldPoint, user
 *                       points), how often
 * @param engine         engine outcomes: BUSY, BUSY_SNAPSHOT, each checkpoint mode and result, evictions, shared
 *                       in-flight reads, recovery paths, ...
 * @param faults         injected faults by kind
 * @param operations     finished operations by kind
 */
public record Coverage(Map<String, Long> yieldPoints, Map<String, Long> engine, Map<String, Long> faults,
                       Map<String, Long> operations) {
    /** Nothing reached. */
    public static final Coverage NONE = new Coverage(Map.of(), Map.of(), Map.of(), Map.of());

    public Coverage {
        yieldPoints = Maps.copy(yieldPoints);
        engine = Maps.copy(engine);
        faults = Maps.copy(faults);
        operations = Maps.copy(operations);
    }

    /**
     * @param other another run's coverage
     * @return both summed
     */
    public Coverage plus(Coverage other) {
        return new Coverage(Maps.sum(yieldPoints, other.yieldPoints), Maps.sum(engine, other.engine),
            Maps.sum(faults, other.faults), Maps.sum(operations, other.operations));
    }
}
