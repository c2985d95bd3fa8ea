package dev.whopper.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import org.junit.jupiter.api.Test;

/** Every mode runs its bundle on the correct engine, passes, and is deterministic; its repro reruns it. */
class RunModeTest {
    @Test
    void everyModePassesAndItsReproGivesTheSameTraceHash() {
        for (RunMode m : RunMode.values()) {
            RunConfig c = RunConfig.parse("--seed", "1", "--mode", m.spelling());
            RunResult r = c.simulation().run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), m + ": " + r.describe());
            assertEquals(m.defaults(1).crashes(), r.counters().crashes(), m + ": the mode's crashes happened");
            assertTrue(r.repro().contains(m == RunMode.FAST ? "--workload bank" : "--mode " + m.spelling()), r.repro());
            RunResult again = RunConfig.parse(r.repro().substring("whopper run ".length()).split(" ")).simulation().run();
            assertEquals(r.traceHashHex(), again.traceHashHex(), m.spelling());
        }
    }
}
