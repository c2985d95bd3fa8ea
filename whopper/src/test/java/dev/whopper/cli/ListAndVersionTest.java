package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Simulation;
import dev.whopper.sim.config.RunConfig;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.workloads.registry.WorkloadRegistry;
import dev.whopper.workloads.spi.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListAndVersionTest {
    @Test
    void listNamesEveryWorkloadPropertyStrategyModeAndKnob() {
        RunCommandTest.Run r = RunCommandTest.whopper("list");
        assertEquals(0, r.exit(), r.err());
        for (Workload<?> w : WorkloadRegistry.all()) {
            assertTrue(r.out().contains("\n  " + w.name() + " - " + w.description() + "\n"), w.name());
            for (String p : w.propertyNames()) {
                assertTrue(r.out().contains(p), p);
            }
        }
        for (String s : List.of("random", "rr", "pct:D", "pos", "swarm")) {
            assertTrue(r.out().contains("\n  " + s + " "), s);
        }
        for (String m : Simulation.FAULT_MODES) {
            assertTrue(r.out().contains(" " + m), m);
        }
        for (FaultKind k : FaultKind.values()) {
            assertTrue(r.out().contains("\n  " + RunConfig.spelling(k) + " "), k.name());
        }
        assertTrue(r.out().contains("  io-error-read                   0              0          0.005           0.05              0"),
            r.out());
        assertTrue(r.out().contains("\n  --steps                    Step budget (default: "), r.out());
        for (dev.whopper.sim.config.RunMode m : dev.whopper.sim.config.RunMode.values()) {
            assertTrue(r.out().contains("\n  " + m.spelling() + " ") && r.out().contains(" " + m.describe() + "\n"), m.spelling());
        }
        assertTrue(r.out().contains("\n  fast             workload bank, faults none, 100,000 steps, 0 crashes\n"), r.out());
        assertTrue(r.out().contains("\n  campaign         each seed draws: workload mixed 1/2, checkpoint-storm 1/4, btree-churn "
            + "1/4; faults none or chaos, 1/2 each; crashes 0 1/4, 1 1/4, 2 1/2; strategy random, pct:3, pos or swarm, 1/4 "
            + "each; 100,000 steps\n"), r.out());
        assertTrue(r.out().contains("--liveness-timeout-nanos"), r.out());
    }

    @Test
    void versionNamesTheBuildAndItsCommit() {
        RunCommandTest.Run r = RunCommandTest.whopper("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().strip().matches("whopper \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{40}(-dirty)?|unknown)\\)"),
            r.out());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String c : List.of("run", "soak", "replay", "shrink", "report", "list", "")) {
            RunCommandTest.Run r = c.isEmpty() ? RunCommandTest.whopper("--help") : RunCommandTest.whopper(c, "--help");
            assertEquals(0, r.exit(), c);
            assertTrue(r.out().contains("Examples:"), c + ":\n" + r.out());
        }
    }
}
