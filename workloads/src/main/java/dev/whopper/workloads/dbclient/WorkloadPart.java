package dev.whopper.workloads.dbclient;

import dev.whopper.workloads.property.Property;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.FiberProgram;
import java.util.List;
import java.util.Map;

/**
 * One engine workload's world as a part of a bigger run (the {@code mixed} workload): its own database file on
 * the run's disk, its programs, properties, crash recovery and counters.
 */
public interface WorkloadPart {
    /** @return the part's name, e.g. {@code kv-model} (its counters are shown under it) */
    String name();

    /**
     * @param ctx the fiber
     * @return the fiber's program in this part; asked again after each recovery
     */
    FiberProgram program(FiberContext ctx);

    /** @return the part's properties */
    List<Property> properties();

    /** A crash: the part's database is gone, its operations in flight abandoned. */
    void crashed();

    /** @return what the part counted, in a stable order */
    Map<String, Long> counters();
}
