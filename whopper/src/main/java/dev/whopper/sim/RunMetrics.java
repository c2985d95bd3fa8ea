package dev.whopper.sim;

import dev.whopper.reports.latency.LatencySnapshot;
import dev.whopper.reports.model.FaultEvent;
import java.util.List;
import java.util.Map;

/**
 * What a run measured for its report, apart from what decides it: latency per operation kind and per fiber
 * (simulated; wall-clock only when asked for), the faults and crashes as events, and coverage of the named
 * yield points. Recording it reads no randomness and makes no decision.
 *
 * @param latency       the latency recorder's snapshot
 * @param faults        faults and crashes as events, oldest first (the first
 *                      {@link dev.whopper.reports.model.RunReport#MAX_FAULTS_KEPT})
 * @param faultsNotKept faults and crashes beyond those
 * @param yieldPoints   how often each named yield point was reached, by name
 * @param properties    the run's properties in the order they were told events: name to whether it checks at
 *                      the end of the run (such a check is skipped when the run stops early)
 * @param engine        engine outcomes the workload saw ({@code Workload.coverage}), name to count
 */
public record RunMetrics(LatencySnapshot latency, List<FaultEvent> faults, long faultsNotKept,
                         Map<String, Long> yieldPoints, Map<String, Boolean> properties,
                         Map<String, Long> engine) {
    /** Nothing measured (a run whose set-up failed). */
    public static final RunMetrics NONE = new RunMetrics(LatencySnapshot.EMPTY, List.of(), 0, Map.of(), Map.of(), Map.of());

    public RunMetrics {
        java.util.Objects.requireNonNull(latency, "latency");
        faults = List.copyOf(faults);
        yieldPoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(yieldPoints));
        engine = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(engine));
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
