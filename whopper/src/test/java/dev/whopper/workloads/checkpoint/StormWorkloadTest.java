package dev.whopper.workloads.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.config.RunConfig;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code checkpoint-storm} on the correct engine, inside the simulator. */
class StormWorkloadTest {
    private static RunResult run(long seed, String faults, int crashes) {
        return RunConfig.parse("--seed", Long.toString(seed), "--workload", "checkpoint-storm", "--faults", faults,
            "--crashes", Integer.toString(crashes), "--crash-window-steps", "2000").simulation().run();
    }

    @Test
    void passesWithoutFaultsAndRunsEveryCheckpointKindUnderLongReaders() {
        Map<String, Long> sum = new TreeMap<>();
        for (long seed = 1; seed <= 8; seed++) {
            RunResult r = run(seed, "none", 0);
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            r.workloadCounters().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        for (String c : new String[] {"checkpoint-passive-ok", "checkpoint-full-ok", "checkpoint-restart-ok",
            "checkpoint-truncate-ok", "checkpoint-restart-partial", "checkpoint-full-busy", "auto-checkpoints-ok",
            "rereads-across-checkpoint", "snapshots-checked", "commits"}) {
            assertTrue(sum.getOrDefault(c, 0L) > 0, c + ": " + sum);
        }
    }

    @Test
    void passesUnderEveryFaultModeWithCrashesAndMakesProgressOnceFaultsStop() {
        for (String mode : new String[] {"chaos", "ragnarok", "recovery-heavy"}) {
            long okAfterStop = 0;
            for (long seed = 1; seed <= 8; seed++) {
                RunResult r = run(seed, mode, 2);
                assertEquals(Outcome.Kind.PASSED, r.kind(), mode + ": " + r.describe());
                assertEquals(2, r.counters().crashes(), r.describe());
                okAfterStop += r.workloadCounters().get("checkpoints-ok-after-faults-stopped");
            }
            assertTrue(okAfterStop > 0, mode + ": checkpoints succeeded after faults stopped");
        }
    }

    @Test
    void theSameSeedGivesTheSameTraceHash() {
        RunResult a = run(5, "chaos", 2);
        RunResult b = run(5, "chaos", 2);
        assertEquals(a.traceHashHex(), b.traceHashHex());
        assertEquals(a.workloadCounters(), b.workloadCounters());
    }
}
