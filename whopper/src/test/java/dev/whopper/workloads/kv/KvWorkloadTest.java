package dev.whopper.workloads.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code kv-model} workload on the correct engine, under the simulator. */
class KvWorkloadTest {
    private static RunResult run(long seed, String faults, int crashes, int ops) {
        Simulation.Builder<?> b = Simulation.builder(KvWorkload.of(ops), 6).seed(seed).maxSteps(400_000).faults(faults);
        if (crashes > 0) {
            b = b.crashes(crashes).crashWindowSteps(600);
        }
        return b.build().run();
    }

    @Test
    void passesWithoutFaultsAndReadsPagesBack() {
        for (long seed = 1; seed <= 40; seed++) {
            RunResult r = run(seed, "none", 0, 30);
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            Map<String, Long> c = r.workloadCounters();
            assertTrue(c.get("page-reads") > 0 && c.get("cache-evictions") > 0, "pages read back: " + c);
        }
    }

    /** The registered default (8 connections, 40 operations each): the cache is smaller than the store. */
    @Test
    void theDefaultRunEvictsAndReadsPagesBackFromTheWalAndTheDatabaseFile() {
        RunResult r = Simulation.builder(dev.whopper.workloads.registry.WorkloadRegistry.byName(KvWorkload.NAME), 8).seed(1).build().run();
        assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
        Map<String, Long> c = r.workloadCounters();
        assertTrue(c.get("cache-evictions") > 100, c.toString());
        assertTrue(c.get("page-reads") > 20, c.toString());
        assertTrue(c.get("long-reads") > 20 && c.get("transactions") > 50 && c.get("autocommits") > 50, c.toString());
    }

    @Test
    void passesUnderFastAndChaosFaultsWithCrashes() {
        for (String faults : new String[] {"fast", "chaos"}) {
            for (long seed = 1; seed <= 30; seed++) {
                RunResult r = run(seed, faults, 2, 25);
                assertEquals(Outcome.Kind.PASSED, r.kind(), faults + ": " + r.describe());
            }
        }
    }
}
