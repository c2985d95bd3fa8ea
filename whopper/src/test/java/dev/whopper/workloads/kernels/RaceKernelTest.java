package dev.whopper.workloads.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.strategy.StrategySpec;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every buggy kernel is found by the random strategy within {@value #SEEDS} seeds, with 4 connections;
 * every correct twin passes all {@value #SEEDS} seeds.
 */
class RaceKernelTest {
    static final int SEEDS = 50;
    static final int CONNECTIONS = 4;

    private static Simulation<?> sim(RaceKernel k, String strategy, long seed) {
        return Simulation.builder(k.workload(), CONNECTIONS).strategy(strategy).seed(seed).maxSteps(10_000).build();
    }

    @ParameterizedTest
    @EnumSource(value = RaceKernel.class, names = ".*_FIXED", mode = EnumSource.Mode.MATCH_NONE)
    void buggyKernelIsFoundByRandomWithinFiftySeeds(RaceKernel k) {
        RunResult failure = sim(k, "random", 1).findFailure(1, SEEDS);
        assertNotNull(failure, k.workloadName() + " not found within " + SEEDS + " seeds");
        assertEquals(k.expectedFailure(), failure.outcome().failureKey(), failure.describe());
        assertTrue(failure.repro().contains("--workload " + k.workloadName()), failure.repro());
    }

    @ParameterizedTest
    @EnumSource(value = RaceKernel.class, names = ".*_FIXED", mode = EnumSource.Mode.MATCH_ALL)
    void correctTwinPassesTheSameFiftySeeds(RaceKernel k) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult r = sim(k, "random", seed).run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            assertTrue(((Outcome.Passed) r.outcome()).allFibersDone(), r.describe());
        }
    }

    @Test
    void pctFindsTheDepthTwoOrderingBugThatRoundRobinNeverFinds() {
        int pctFound = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RunResult rr = sim(RaceKernel.PCT_ORDER, "rr", seed).run();
            assertEquals(Outcome.Kind.PASSED, rr.kind(), "round-robin, seed " + seed + ": " + rr.describe());
            RunResult pct = Simulation.builder(RaceKernel.PCT_ORDER.workload(), 2).strategy(new StrategySpec(StrategySpec.Kind.PCT, 2))
                .seed(seed).maxSteps(2L * RaceKernel.PCT_STEPS).build().run();
            if (pct.failed()) {
                assertEquals("VIOLATION:ordered completion", pct.outcome().failureKey());
                pctFound++;
            }
        }
        // PCT's guarantee here: change point inside fiber 0's run (about 7/16) times fiber 0 first (1/2).
        assertTrue(pctFound >= 5, "PCT depth 2 found the ordering bug in only " + pctFound + " of " + SEEDS + " seeds");
    }

    @Test
    void lockOrderDeadlockNamesTheMutexesAndTheirHolders() {
        RunResult r = sim(RaceKernel.LOCK_ORDER, "random", 1).findFailure(1, SEEDS);
        Outcome.Deadlock d = (Outcome.Deadlock) r.outcome();
        assertFalse(d.blocked().isEmpty());
        Pattern line = Pattern.compile(
            "fiber (\\d) \\(transfer\\) blocked on mutex ([AB]), held by fiber (\\d) \\(pending\\)");
        Set<String> mutexes = new TreeSet<>();
        for (String l : d.blocked()) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), l);
            assertFalse(m.group(1).equals(m.group(3)), "a fiber waits for itself: " + l);
            mutexes.add(m.group(2));
        }
        assertEquals(Set.of("A", "B"), mutexes, d.blocked().toString()); // the cycle: A <-> B
        assertTrue(r.describe().contains("blocked on mutex "), r.describe());
    }

    @Test
    void missedWakeupDeadlockNamesTheSignal() {
        RunResult r = sim(RaceKernel.MISSED_WAKEUP, "random", 1).findFailure(1, SEEDS);
        Outcome.Deadlock d = (Outcome.Deadlock) r.outcome();
        assertFalse(d.blocked().isEmpty());
        for (String l : d.blocked()) {
            assertTrue(l.matches("fiber \\d \\(consume\\) blocked on signal \"ready\" \\(pending\\)"), l);
        }
    }

    @Test
    void tooFewConnectionsIsRejected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> Simulation.builder(RaceKernel.LOCK_ORDER.workload(), 1));
        assertEquals("connections: 1 (expected: >= 2 for workload lock-order)", e.getMessage());
    }
}
