package dev.whopper.workloads.mixed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.whopper.core.io.backend.MemoryIO;
import dev.whopper.workloads.spi.FaultOracle;
import dev.whopper.workloads.spi.WorldContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the mixed workload shares its operations out by the run's weights. */
class MixedSharesTest {
    private static WorldContext weights(Double... w) {
        return new WorldContext(MemoryIO.immediate(), 2, FaultOracle.NONE, List.of(w));
    }

    @Test
    void theBaseMixWithoutASwarmDraw() {
        assertArrayEquals(new int[] {18, 24, 18}, MixedWorkload.shares(new WorldContext(MemoryIO.immediate(), 2, FaultOracle.NONE), 60));
        assertArrayEquals(new int[] {10, 16, 10}, MixedWorkload.shares(new WorldContext(MemoryIO.immediate(), 2, FaultOracle.NONE), 36));
    }

    @Test
    void aDrawScalesTheSharesAndAZeroLeavesAPartOut() {
        assertArrayEquals(new int[] {0, 44, 16}, MixedWorkload.shares(weights(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.5), 60));
        assertArrayEquals(new int[] {18, 24, 18}, MixedWorkload.shares(weights(0.3, 0.3, 0.3, 0.3, 0.3, 0.0, 0.0, 0.0), 60),
            "every scaled weight 0: the base mix");
        assertArrayEquals(new int[] {60, 0, 0}, MixedWorkload.shares(weights(0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0), 60));
    }
}
