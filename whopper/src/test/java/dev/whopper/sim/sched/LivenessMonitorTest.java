package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.IOResult;
import dev.whopper.sim.Outcome;
import dev.whopper.sim.VirtualClock;
import dev.whopper.workloads.spi.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class LivenessMonitorTest {
    private final Fiber[] fibers = {new Fiber(0, null, 0L), new Fiber(1, null, 0L),
        new Fiber(2, null, 0L)};
    private final Operation<?>[] ops = new Operation<?>[3];
    private final VirtualClock clock = new VirtualClock(1_000);

    private void inFlight(int fiber, String kind, long startNanos) {
        ops[fiber] = Operation.named(kind, () -> IOResult.done(null));
        fibers[fiber].opKind = kind;
        fibers[fiber].opStartNanos = startNanos;
    }

    @Test
    void anOperationPastTheTimeoutIsOverdueTheLowestFiberFirst() {
        LivenessMonitor m = new LivenessMonitor(fibers, ops, clock, 5_000, 0);
        assertTrue(m.enabled());
        inFlight(1, "slow", 0);
        inFlight(2, "slower", 0);
        clock.advanceTo(5_000);
        assertNull(m.overdue(), "exactly the timeout is not over it");
        clock.advanceTo(5_001);
        Outcome.Liveness l = m.overdue();
        assertEquals(new Outcome.Liveness(1, "slow", clock.steps(), 5_001, 5_001), l);
        fibers[1].state = FiberState.DONE;
        assertEquals(2, m.overdue().fiber(), "a DONE fiber is not watched");
        ops[2] = null;
        assertNull(m.overdue(), "a fiber without an operation in flight is not watched");
    }

    @Test
    void timeIsCountedFromWhenFaultsStopAndOffWithoutATimeout() {
        inFlight(0, "op", 0);
        clock.advanceTo(20_000);
        assertNull(new LivenessMonitor(fibers, ops, clock, 5_000, 16_000).overdue(), "4,000 ns since faults stopped");
        assertEquals(6_000, new LivenessMonitor(fibers, ops, clock, 5_000, 14_000).overdue().waitedNanos());
        assertFalse(new LivenessMonitor(fibers, ops, clock, 0, 0).enabled());
    }

    @Test
    void afterAStepTheCheckRunsEvery64Steps() {
        LivenessMonitor m = new LivenessMonitor(fibers, ops, clock, 10, 0);
        inFlight(0, "op", 0);
        clock.step(); // step 1, 1,000 ns: overdue, but not a checking step
        assertNull(m.afterStep());
        clock.stepsTo(64);
        assertEquals(0, m.afterStep().fiber());
    }

    @Test
    void aDeadlockNamesEveryFiberNotDoneAndTheIdleJumpBoundIsATooBug() {
        LivenessMonitor m = new LivenessMonitor(fibers, ops, clock, 0, 0);
        fibers[0].opKind = "lock";
        fibers[1].state = FiberState.DONE;
        fibers[2].opKind = "wait";
        Outcome.Deadlock d = m.deadlock();
        assertEquals(List.of("fiber 0 (lock) blocked on null", "fiber 2 (wait) blocked on null"), d.blocked());
        LivenessMonitor.checkIdleJumps(LivenessMonitor.IDLE_JUMP_BOUND);
        assertThrows(IllegalStateException.class, () -> LivenessMonitor.checkIdleJumps(LivenessMonitor.IDLE_JUMP_BOUND + 1));
    }
}
