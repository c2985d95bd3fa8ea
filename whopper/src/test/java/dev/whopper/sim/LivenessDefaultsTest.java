package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.sim.io.FaultConfig;
import dev.whopper.sim.io.FaultKind;
import dev.whopper.workloads.spi.FiberContext;
import dev.whopper.workloads.spi.Operation;
import org.junit.jupiter.api.Test;

/** Liveness is on by default and works under faults: faults stop, and then every operation must finish. */
class LivenessDefaultsTest {
    /** A lock over a file; the buggy write path leaks the lock when the write fails. */
    static final class Store {
        final File file;
        int owner = -1;
        long writes;

        Store(IO io) {
            this.file = io.open("store.dat", true);
        }
    }

    /** Take the lock (polling with a 1 ms sleep), write, release. On a failed write the lock is leaked: the bug. */
    private static Operation<Void> locked(Store s, FiberContext ctx, boolean leakOnError) {
        return new Operation<>() {
            private Completion pending;

            @Override
            public IOResult<Void> step() {
                if (pending == null) {
                    if (s.owner >= 0) {
                        return IOResult.io(ctx.sleep(1_000_000)); // busy: back off 1 ms and try again
                    }
                    s.owner = ctx.id();
                    pending = s.file.pwrite(8L * ctx.id(), new byte[8], Completion.write(null));
                    return IOResult.io(pending);
                }
                if (pending.failed() && leakOnError) {
                    return IOResult.done(); // BUG: returns on the error path with the lock still held
                }
                s.writes++;
                s.owner = -1;
                return IOResult.done();
            }

            @Override
            public String kind() {
                return "locked-write";
            }
        };
    }

    private static Simulation<Store> store(boolean leakOnError) {
        return Simulation.builderWithIO(Store::new)
            .faults(FaultConfig.none().with(FaultKind.IO_ERROR_WRITE, 0.2))
            .fibers(3, 30, (s, ctx) -> locked(s, ctx, leakOnError))
            .build();
    }

    @Test
    void aLockLeakedOnAnErrorPathIsALivenessFailureWithTheDefaults() {
        RunResult r = store(true).findFailure(1, 20);
        assertTrue(r != null, "found within 20 seeds");
        Outcome.Liveness l = assertInstanceOf(Outcome.Liveness.class, r.outcome(), r.describe());
        assertEquals("locked-write", l.op());
        assertTrue(l.waitedNanos() > Simulation.Builder.DEFAULT_LIVENESS_TIMEOUT_NANOS, r.describe());
    }

    @Test
    void theCorrectTwinPassesWithTheDefaults() {
        for (long seed = 1; seed <= 20; seed++) {
            RunResult r = store(false).withSeed(seed).run();
            assertEquals(Outcome.Kind.PASSED, r.kind(), r.describe());
            assertTrue(r.warnings().isEmpty(), r.describe());
        }
    }

    @Test
    void optionsThatMakeTheCheckInertAreWarnedAbout() {
        Simulation<Store> sim = store(false);
        RunResult off = Simulation.builderWithIO(Store::new).faults(FaultConfig.none().with(FaultKind.IO_ERROR_WRITE, 0.2))
            .fibers(3, 30, (s, ctx) -> locked(s, ctx, false)).livenessTimeoutNanos(0).build().run();
        assertTrue(off.describe().contains("warning: the liveness check is off"), off.describe());
        RunResult never = Simulation.builderWithIO(Store::new).faults(FaultConfig.none().with(FaultKind.IO_ERROR_WRITE, 0.2))
            .fibers(3, 30, (s, ctx) -> locked(s, ctx, false)).faultWindowNanos(Simulation.Builder.FAULT_WINDOW_NEVER)
            .build().run();
        assertTrue(never.describe().contains("warning: faults never stop"), never.describe());
        RunResult late = Simulation.builderWithIO(Store::new).faults(FaultConfig.none().with(FaultKind.IO_ERROR_WRITE, 0.2))
            .fibers(3, 30, (s, ctx) -> locked(s, ctx, false)).faultWindowNanos(1_000_000_000_000L).build().run();
        assertTrue(late.describe().contains("warning: faults never stopped"), late.describe());
        assertEquals(sim.run().traceHash(), sim.run().traceHash());
    }
}
