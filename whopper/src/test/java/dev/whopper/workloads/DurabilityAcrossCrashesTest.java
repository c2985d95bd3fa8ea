package dev.whopper.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.workloads.bank.BankWorkload;
import dev.whopper.workloads.counter.CounterWorkload;
import dev.whopper.workloads.kv.KvWorkload;
import dev.whopper.workloads.spi.Workload;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Durability across crashes for every engine workload that writes: many crashes close together, so that some hit
 * a recovery while it runs and some come right after it, and every open must still show every acknowledged commit
 * and no partly visible transaction (the workloads' durability properties are checked at every open).
 */
class DurabilityAcrossCrashesTest {
    private static final int SEEDS = 14;

    private static long[] crashStorm(Workload<?> workload, String faults) {
        long crashes = 0;
        long duringRecovery = 0;
        long rightAfter = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult r = Simulation.builder(workload, 5).seed(seed).maxSteps(400_000).faults(faults).crashes(5)
                .crashWindowSteps(400).build().run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), workload.name() + " " + faults + ": " + r.describe());
            Map<String, Long> c = r.workloadCounters();
            crashes += c.get("crashes");
            duringRecovery += c.get("crashes-during-recovery");
            rightAfter += c.getOrDefault("crashes-right-after-recovery", 0L);
        }
        return new long[] {crashes, duringRecovery, rightAfter};
    }

    @Test
    void kvModelLosesNothingAcrossCrashesDuringAndRightAfterRecovery() {
        long[] none = crashStorm(KvWorkload.of(20), "none");
        long[] chaos = crashStorm(KvWorkload.of(20), "chaos");
        assertEquals(2L * SEEDS * 5, none[0] + chaos[0]);
        assertTrue(none[1] + chaos[1] > 0, "some crash hit a recovery: " + (none[1] + chaos[1]));
        assertTrue(none[2] + chaos[2] > 0, "some crash came right after a recovery: " + (none[2] + chaos[2]));
    }

    @Test
    void counterLosesNoIncrementAcrossCrashesDuringAndRightAfterRecovery() {
        long[] none = crashStorm(CounterWorkload.of(20), "none");
        long[] chaos = crashStorm(CounterWorkload.of(20), "chaos");
        assertTrue(none[1] + chaos[1] > 0, "some crash hit a recovery: " + (none[1] + chaos[1]));
        assertTrue(none[2] + chaos[2] > 0, "some crash came right after a recovery: " + (none[2] + chaos[2]));
    }

    @Test
    void bankLosesNothingAcrossCrashesDuringRecovery() {
        long[] chaos = crashStorm(BankWorkload.of(BankWorkload.Variant.CORRECT, 20), "chaos");
        assertTrue(chaos[1] > 0, "some crash hit a recovery: " + chaos[1]);
    }
}
