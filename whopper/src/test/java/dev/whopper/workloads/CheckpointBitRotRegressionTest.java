package dev.whopper.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.workloads.registry.WorkloadRegistry;
import org.junit.jupiter.api.Test;

/**
 * Pinned seeds of an engine bug the correct engine showed under {@code --faults chaos --crashes 2}: a bit flipped
 * while a commit's WAL frame was written (its only durable copy), a checkpoint copied the newer pages from the
 * cache into the database file, and a crash recovered the log only up to the damaged frame, over a database file
 * that already held the pages of the commits after it: a mix of versions no commit made
 * ({@code kv-all-or-nothing}; kv-model seed 127, random, before the fix). The checkpoint now reads the frames
 * it copies from disk and checks them as recovery would (CORRUPT, nothing copied, and the database refuses writes
 * until it is reopened, when one fails);
 * {@code CorruptionTest.checkpointDoesNotCopyPastAFrameThatRecoveryWouldDrop} shows the engine side.
 */
class CheckpointBitRotRegressionTest {
    /**
     * {@code whopper run --seed 295 --workload kv-model --strategy random --faults chaos --crashes 2}: the same trace
     * with the checkpoint's chain check switched off (reads unchanged) ends in {@code VIOLATION:kv-all-or-nothing}
     * at the second recovery ("closest is v57, 6 key(s) differ"); with it, the checkpoints that met the damaged frame
     * fails with CORRUPT, the client reopens the poisoned database, and the run passes.
     */
    @Test
    void aCheckpointDoesNotCopyPastAWalFrameDamagedOnDisk() {
        RunResult r = Simulation.builder(WorkloadRegistry.byName("kv-model"), 8).seed(295).strategy("random").faults("chaos")
            .crashes(2).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        assertTrue(r.counters().faultsByKind().getOrDefault("BIT_FLIP", 0L) > 0, r.describe());
        assertTrue(r.workloadCounters().get("corrupt") > 0, r.describe());
        assertTrue(r.workloadCounters().get("reopens") > 0, "the poisoned database was reopened: " + r.describe());
        assertEquals(2, r.workloadCounters().get("recoveries"), r.describe());
    }
}
