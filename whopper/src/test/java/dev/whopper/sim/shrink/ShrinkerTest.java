package dev.whopper.sim.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.Outcome;
import dev.whopper.sim.RunResult;
import dev.whopper.sim.Simulation;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.workloads.echo.DiskEcho;
import dev.whopper.workloads.kernels.RaceKernel;
import dev.whopper.sim.trace.DecisionLog;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    @Test
    void shrinksAnEightFiberLostUpdateToAFewFibersAndReplaysIt() {
        Simulation<?> sim = Simulation.builder(RaceKernel.LOST_UPDATE.workload(), 8).seed(1).build();
        RunResult failing = sim.findFailure(1, 20);
        assertNotNull(failing);
        Shrinker.Result s = new Shrinker(300).shrink(sim, failing);

        assertEquals(8, s.fibersBefore());
        assertTrue(s.fibersAfter() <= 2, s.describe());
        assertTrue(s.stepsAfter() < s.stepsBefore(), s.describe());
        assertTrue(s.logAfter() <= s.logBefore(), s.describe());
        assertEquals(failing.outcome().failureKey(), s.minimized().outcome().failureKey());
        // The minimized repro replays to the same failure, with the same trace.
        RunResult again = s.simulation().replay(DecisionLog.parse(s.log().toText()));
        assertEquals(s.minimized().traceHash(), again.traceHash());
        assertEquals("VIOLATION:no lost update", again.outcome().failureKey());
        assertTrue(s.repro().contains("--connections " + s.fibersAfter()), s.repro());
        assertTrue(s.repro().contains("--replay "), s.repro());
    }

    @Test
    void aShrinkerShrinksEveryFailureWithItsWholeBudgetAndTheSameResultEachTime() {
        Simulation<?> sim = Simulation.builder(RaceKernel.LOST_UPDATE.workload(), 8).seed(1).build();
        RunResult failing = sim.findFailure(1, 20);
        assertNotNull(failing);
        Shrinker shrinker = new Shrinker(40);
        Shrinker.Result first = shrinker.shrink(sim, failing);
        Shrinker.Result second = shrinker.shrink(sim, failing); // the runs of the first call are not counted again
        assertEquals(first.runs(), second.runs(), second.describe());
        assertTrue(first.runs() <= 41, first.describe()); // the budget, plus the confirming replay
        assertEquals(first.minimized().traceHash(), second.minimized().traceHash());
        assertEquals(first.changes(), second.changes());
    }

    @Test
    void shrinksAFaultyEightFiberDiskRunKeepingOnlyTheFaultThatMatters() {
        Simulation<?> sim = Simulation.builder(DiskEcho.WORKLOAD, 8).crashes(1).faults("ragnarok").yieldRate(0).build();
        RunResult failing = sim.findFailure(1, 60);
        assertNotNull(failing, "no bit flip caught in 60 seeds");
        assertEquals("VIOLATION:" + DiskEcho.PROPERTY, failing.outcome().failureKey(), failing.describe());
        Shrinker.Result s = new Shrinker(400).shrink(sim, failing);

        assertTrue(s.fibersAfter() < 8, s.describe());
        Simulation<?> min = s.simulation();
        assertTrue(min.faults().rate(FaultKind.BIT_FLIP) > 0, "the bit flip is the cause: " + s.describe());
        assertTrue(s.changes().stream().anyMatch(c -> c.endsWith(" off")), s.describe());
        RunResult again = min.replay(s.log());
        assertEquals(failing.outcome().failureKey(), again.outcome().failureKey());
        assertEquals(s.minimized().traceHash(), again.traceHash());
    }

    @Test
    void shrinkingADeadlockKeepsItADeadlock() {
        Simulation<?> sim = Simulation.builder(RaceKernel.LOCK_ORDER.workload(), 6).build();
        RunResult failing = sim.findFailure(1, 50);
        assertNotNull(failing);
        Shrinker.Result s = new Shrinker(200).shrink(sim, failing);
        assertEquals(Outcome.Kind.DEADLOCK, s.minimized().kind());
        assertEquals(2, s.fibersAfter(), s.describe());
    }

    @Test
    void refusesPassingRuns() {
        Simulation<?> sim = Simulation.builder(RaceKernel.LOST_UPDATE_FIXED.workload(), 2).build();
        RunResult passed = sim.run();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new Shrinker(10).shrink(sim, passed));
        assertEquals("failing: the run passed (expected: a failing run)", e.getMessage());
    }
}
