package dev.whopper.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import dev.whopper.workloads.spi.Operation;
import org.junit.jupiter.api.Test;

/** When the fibers are done, I/O still in flight finishes before the end-of-run checks. */
class LateCallbackTest {
    static final class Log {
        final File file;
        boolean returned;
        int lateCompletions;

        Log(IO io) {
            this.file = io.open("log.dat", true);
        }
    }

    /** Writes, and reports success before the write completed (an acknowledgement before durability). */
    private static Operation<Void> fireAndForget(Log log) {
        return Operation.named("append", () -> {
            log.file.pwrite(0, new byte[] {1, 2, 3}, Completion.write(c -> {
                if (log.returned) {
                    log.lateCompletions++;
                }
            }));
            log.returned = true;
            return IOResult.done();
        });
    }

    @Test
    void aWriteThatCompletesAfterItsOperationReturnedIsSeenByTheEndChecks() {
        RunResult r = Simulation.builderWithIO(Log::new).seed(1)
            .fibers(1, (log, ctx) -> fireAndForget(log))
            .atEnd("no write completes after its operation returned", log -> log.lateCompletions == 0)
            .build().run();
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, r.outcome(), r.describe());
        assertEquals("no write completes after its operation returned", v.property());
        assertEquals(1, r.world(Log.class).lateCompletions);
    }

    @Test
    void aLateCallbackThatThrowsFailsTheRun() {
        RunResult r = Simulation.builderWithIO(Log::new).seed(2)
            .fibers(1, (log, ctx) -> Operation.named("append", () -> {
                // Code under test outside the simulator's packages, so a throw is blamed on it, not on the tool.
                log.file.pwrite(0, new byte[] {1}, Completion.write(new dev.whopper.example.ThrowingCallback()));
                return IOResult.done();
            }))
            .build().run();
        Outcome.Violation v = assertInstanceOf(Outcome.Violation.class, r.outcome(), r.describe());
        assertTrue(v.message().contains("a completion callback threw") && v.message().contains("callback bug"), v.message());
    }

    @Test
    void ioStillInFlightAfterTheDrainsBoundIsReportedNotPassed() {
        RunResult r = Simulation.builderWithIO(Log::new).seed(4)
            .fibers(1, (log, ctx) -> Operation.named("forget-a-timer", () -> {
                ctx.io().sleep(120_000_000_000L, Completion.timer(null)); // two minutes: beyond the drain
                return IOResult.done();
            }))
            .build().run();
        Outcome.Incomplete in = assertInstanceOf(Outcome.Incomplete.class, r.outcome(), r.describe());
        assertEquals(Outcome.Incomplete.IO_IN_FLIGHT, in.reason());
        assertTrue(in.live().get(0).startsWith("1 I/O request(s) or timer(s) still pending after draining"), in.live().get(0));
    }

    @Test
    void drainingIsDeterministic() {
        Simulation<Log> sim = Simulation.builderWithIO(Log::new).seed(3)
            .fibers(3, 2, (log, ctx) -> fireAndForget(log)).build();
        RunResult r = sim.run();
        assertEquals(r.traceHash(), sim.run().traceHash());
        assertEquals(r.traceHash(), sim.replay(r).traceHash());
    }
}
