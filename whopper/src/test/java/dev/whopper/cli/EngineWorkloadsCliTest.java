package dev.whopper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code whopper run --workload kv-model|counter|mixed}: each passes under faults and crashes, and replays by seed. */
class EngineWorkloadsCliTest {
    @Test
    void eachEngineWorkloadRunsFromTheCliAndTheSameSeedGivesTheSameTraceHash() {
        for (String name : new String[] {"kv-model", "counter", "mixed"}) {
            String[] args = {"run", "--seed", "3", "--workload", name, "--connections", "4", "--faults", "chaos", "--crashes", "2"};
            RunCommandTest.Run first = RunCommandTest.whopper(args);
            assertEquals(0, first.exit(), name + ": " + first.out() + first.err());
            assertTrue(first.out().contains("outcome: PASSED"), first.out());
            assertTrue(first.out().contains("repro: whopper run --seed 3 --workload " + name), first.out());
            RunCommandTest.Run again = RunCommandTest.whopper(args);
            assertEquals(first.hash(), again.hash(), name);
            args[2] = "4";
            RunCommandTest.Run other = RunCommandTest.whopper(args);
            assertEquals(0, other.exit(), name + ": " + other.out() + other.err());
            assertNotEquals(first.hash(), other.hash(), name + ": another seed, another run");
        }
    }

    @Test
    void theDefaultCrashPlanHappensInFullForTheEngineWorkloads() {
        int incomplete = 0;
        StringBuilder sb = new StringBuilder();
        for (String name : new String[] {"kv-model", "counter", "mixed"}) {
            for (int seed = 1; seed <= 8; seed++) {
                RunCommandTest.Run r = RunCommandTest.whopper("run", "--seed", "" + seed, "--workload", name, "--connections", "4",
                    "--faults", "fast", "--crashes", "2");
                if (r.exit() != 0) {
                    incomplete++;
                    sb.append(name).append(' ').append(seed).append(": ").append(r.out().lines().filter(l -> l.startsWith("outcome")).findFirst().orElse(r.err())).append('\n');
                }
            }
        }
        assertEquals(0, incomplete, sb.toString());
    }
}
