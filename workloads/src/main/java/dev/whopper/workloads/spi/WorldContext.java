package dev.whopper.workloads.spi;

import dev.whopper.core.io.IO;
import java.util.List;
import java.util.Objects;

/**
 * What a workload's shared state is created from, once per run.
 *
 * @param io              the run's simulated disk, or {@code null} when the workload asked for none
 *                        ({@link Workload#usesDisk()})
 * @param connections     how many connections (fibers) the run has, &gt; 0
 * @param faults          what the run's disk has injected so far
 * @param workloadWeights the run's workload weights, the same every fiber sees through
 *                        {@link FiberContext#workloadWeight(int)} (empty: every weight is 1.0)
 */
public record WorldContext(IO io, int connections, FaultOracle faults, List<Double> workloadWeights) {
    public WorldContext {
        if (connections <= 0) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: > 0)");
        }
        Objects.requireNonNull(faults, "faults");
        workloadWeights = List.copyOf(Objects.requireNonNull(workloadWeights, "workloadWeights"));
    }

    /**
     * A context whose workload weights are all 1.0 (no swarm draw).
     *
     * @param io          the run's simulated disk, or {@code null}
     * @param connections how many connections, &gt; 0
     * @param faults      what the run's disk has injected so far
     */
    public WorldContext(IO io, int connections, FaultOracle faults) {
        this(io, connections, faults, List.of());
    }

    /**
     * A workload weight, as {@link FiberContext#workloadWeight(int)} gives it to every fiber of the run: for a
     * world that sizes itself by the operation mix before any fiber runs (the {@code mixed} workload gives each
     * engine workload a share of the operations).
     *
     * @param index which weight, {@code >= 0}
     * @return the weight (1.0 beyond the drawn ones, and always without a swarm draw)
     */
    public double workloadWeight(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        return index < workloadWeights.size() ? workloadWeights.get(index) : 1.0;
    }
}
