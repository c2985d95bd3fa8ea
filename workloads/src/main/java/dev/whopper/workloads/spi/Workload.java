package dev.whopper.workloads.spi;

import dev.whopper.workloads.property.Property;
import java.util.List;
import java.util.Map;

/**
 * A workload: the shared state a run's fibers work on, what each fiber does, what is checked, and how the
 * state comes back after a crash. Written against this SPI only, a workload runs under any implementation
 * of it (the simulator's scheduler, or a test harness); the simulator's registry finds built-in workloads by
 * {@link #name()}.
 *
 * <p>A workload is a stateless description: {@link #createWorld} makes fresh state for every run, so two
 * runs of the same seed are identical.
 *
 * @param <S> the shared state
 */
public interface Workload<S> {
    /** @return the name {@code whopper run --workload} knows it by, e.g. {@code bank} */
    String name();

    /** @return what it does and checks, in one line */
    String description();

    /** @return connections (fibers) a run has when the user does not say, &gt;= {@link #minConnections()} */
    default int defaultConnections() {
        return 8;
    }

    /** @return the fewest connections it needs, &gt; 0 */
    default int minConnections() {
        return 1;
    }

    /** @return true when its world needs a simulated disk ({@link WorldContext#io()} is then not null) */
    default boolean usesDisk() {
        return false;
    }

    /**
     * @param ctx the run's disk, connections and fault oracle
     * @return fresh shared state for one run
     */
    S createWorld(WorldContext ctx);

    /**
     * @param world the shared state
     * @param ctx   the fiber's context
     * @return the fiber's program; called for every fiber at the start and again after each recovery
     */
    FiberProgram program(S world, FiberContext ctx);

    /**
     * @param world the shared state
     * @return the properties checked over a run, in the order they are told of events
     */
    default List<Property> properties(S world) {
        return List.of();
    }

    /** @return the names of the properties it checks ({@link #properties} of any world), for listings */
    List<String> propertyNames();

    /**
     * @return how the world comes back after a crash (e.g. forget open files, reopen the database), or
     *         {@code null} when the workload cannot be crashed
     */
    default CrashRecovery<S> crashRecovery() {
        return null;
    }

    /**
     * @param world the shared state at the end of a run
     * @return what the workload counted (e.g. commits, refusals), in a stable order; empty by default
     */
    default Map<String, Long> counters(S world) {
        return Map.of();
    }

    /**
     * What the code under test reached, for a report's coverage: engine outcomes (BUSY, BUSY_SNAPSHOT, each
     * checkpoint mode and result, evictions, shared in-flight reads, recovery paths, ...) with counts. Read once,
     * after the run; must not change the world.
     *
     * @param world the world at the end of the run
     * @return outcome name to count, in a stable order; empty by default
     */
    default Map<String, Long> coverage(S world) {
        return Map.of();
    }

    /**
     * How a workload's world recovers after a crash: the simulated disk lost power, every operation in
     * flight was abandoned, and every fiber will reconnect with a fresh program.
     *
     * @param <S> the shared state
     */
    @FunctionalInterface
    interface CrashRecovery<S> {
        /** @param world the shared state, to be brought back */
        void recover(S world);
    }
}
