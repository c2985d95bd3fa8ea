package dev.whopper.workloads.dbclient;

import dev.whopper.workloads.spi.Workload;
import java.util.Map;

/**
 * A workload whose shared state is an {@link EngineWorld}: it uses the simulated disk, a crash drops its database
 * and abandons its operations in flight ({@link EngineWorld#crashed()}), and the run shows the world's
 * {@link EngineWorld#counters()}.
 *
 * @param <W> the world
 */
public interface EngineWorkload<W extends EngineWorld> extends Workload<W> {
    @Override
    default boolean usesDisk() {
        return true;
    }

    @Override
    default CrashRecovery<W> crashRecovery() {
        return EngineWorld::crashed;
    }

    @Override
    default Map<String, Long> counters(W world) {
        return world.counters();
    }

    /** Coverage: the engine outcomes the run reached ({@link EngineWorld#coverage()}). */
    @Override
    default Map<String, Long> coverage(W world) {
        return world.coverage();
    }
}
