package dev.whopper.workloads.mixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The {@code mixed} workload on the correct engine, under the simulator. */
class MixedWorkloadTest {
    @Test
    void runsEveryPartByDefaultAndPasses() {
        for (long seed = 1; seed <= 10; seed++) {
            RunResult r = Simulation.builder(MixedWorkload.of(40), 5).seed(seed).maxSteps(400_000).build().run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            Map<String, Long> c = r.workloadCounters();
            assertEquals(12L, c.get("bank.ops-per-fiber"), c.toString());
            assertEquals(16L, c.get("kv-model.ops-per-fiber"), c.toString());
            assertEquals(12L, c.get("counter.ops-per-fiber"), c.toString());
            assertTrue(c.get("bank.commits") > 0 && c.get("kv-model.commits") > 0 && c.get("counter.commits") > 0, c.toString());
            assertEquals(3L, r.counters().opsByKind().getOrDefault("final", 0L), "every part's final verification ran once: "
                + r.describe());
        }
    }

    @Test
    void swarmDrawsTheMixPerSeed() {
        TreeSet<String> mixes = new TreeSet<>();
        int leftOut = 0;
        for (long seed = 1; seed <= 12; seed++) {
            RunResult r = Simulation.builder(MixedWorkload.of(30), 4).seed(seed).strategy("swarm").maxSteps(400_000).build().run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            Map<String, Long> c = r.workloadCounters();
            String mix = c.getOrDefault("bank.ops-per-fiber", 0L) + "/" + c.getOrDefault("kv-model.ops-per-fiber", 0L) + "/"
                + c.getOrDefault("counter.ops-per-fiber", 0L);
            mixes.add(mix);
            if (mix.startsWith("0/") || mix.contains("/0/") || mix.endsWith("/0")) {
                leftOut++;
            }
        }
        assertTrue(mixes.size() >= 6, "different seeds, different mixes: " + mixes);
        assertTrue(leftOut > 0, "some seed leaves a part out: " + mixes);
    }

    @Test
    void passesUnderFastAndChaosWithCrashes() {
        for (String faults : new String[] {"fast", "chaos"}) {
            for (long seed = 1; seed <= 12; seed++) {
                RunResult r = Simulation.builder(MixedWorkload.of(30), 5).seed(seed).maxSteps(400_000).faults(faults).crashes(2)
                    .crashWindowSteps(600).build().run();
                assertEquals(Outcome.Kind.PASSED, r.kind(), faults + ": " + r.describe());
            }
        }
    }
}
