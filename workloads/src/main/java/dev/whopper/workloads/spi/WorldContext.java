package dev.whopper.workloads.spi;

import dev.whopper.core.io.IO;
import java.util.Objects;

/**
 * What a workload's shared state is created from, once per run.
 *
 * @param io          the run's simulated disk, or {@code null} when the workload asked for none
 *                    ({@link Workload#usesDisk()})
 * @param connections how many connections (fibers) the run has, &gt; 0
 * @param faults      what the run's disk has injected so far
 */
public record WorldContext(IO io, int connections, FaultOracle faults) {
    public WorldContext {
        if (connections <= 0) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: > 0)");
        }
        Objects.requireNonNull(faults, "faults");
    }
}
