package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlameTest {
    private static RuntimeException thrownIn(String... classes) {
        RuntimeException e = new RuntimeException("boom");
        StackTraceElement[] frames = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            frames[i] = new StackTraceElement(classes[i], "step", null, 1);
        }
        e.setStackTrace(frames);
        return e;
    }

    @Test
    void theSimulatorAndItsCommandLineAreTheTool() {
        assertTrue(Blame.fromToolCode(thrownIn("dev.whopper.sim.sched.Scheduler")));
        assertTrue(Blame.fromToolCode(thrownIn("java.util.ArrayList", "dev.whopper.cli.RunCommand")));
        assertTrue(Blame.fromToolCode(thrownIn("java.lang.Thread")), "no frame outside the JDK");
    }

    @Test
    void workloadsTheEngineAndUserCodeAreCodeUnderTestWhereverTheyLive() {
        assertFalse(Blame.fromToolCode(thrownIn("dev.whopper.workloads.kernels.RaceKernel$1", "dev.whopper.sim.sched.Scheduler")));
        assertFalse(Blame.fromToolCode(thrownIn("dev.whopper.workloads.bank.Transfer")));
        assertFalse(Blame.fromToolCode(thrownIn("java.util.Objects", "dev.whopper.core.db.CommitOp")));
        assertFalse(Blame.fromToolCode(thrownIn("com.example.MyEngine")));
        assertFalse(Blame.fromToolCode(thrownIn("dev.whopper.simulated.Lookalike")), "a prefix of a package is not it");
    }
}
