package dev.whopper.core.io.backend;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.IOResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Blocking#run}: drives an operation, detects lost wake-ups and runaway operations. */
class BlockingTest {

    /** A two-phase operation: write then read back; re-entrant via explicit state. */
    private static final class WriteThenRead {
        final File file;
        Completion write;
        Completion read;
        int calls;

        WriteThenRead(File file) {
            this.file = file;
        }

        IOResult<String> call() {
            calls++;
            if (write == null) {
                write = file.pwrite(0, "hi".getBytes(US_ASCII), Completion.write(null));
                return IOResult.io(write);
            }
            if (read == null) {
                read = file.pread(0, Completion.read(new byte[2], null));
                return IOResult.io(read);
            }
            return IOResult.done(new String(read.buffer(), US_ASCII));
        }
    }

    @Test
    void runsAnOperationToItsValue() {
        for (MemoryIO io : new MemoryIO[] {MemoryIO.immediate(), MemoryIO.fifo(), MemoryIO.randomOrder(3)}) {
            WriteThenRead op = new WriteThenRead(io.open("f", true));
            assertEquals("hi", Blocking.run(io, op::call));
            assertEquals(3, op.calls, "called once per awaited completion, plus the last");
        }
    }

    @Test
    void detectsALostWakeUp() {
        MemoryIO io = MemoryIO.fifo();
        Completion nobodyWillFinishThis = Completion.write(null);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> Blocking.run(io, () -> IOResult.io(nobodyWillFinishThis)));
        assertTrue(e.getMessage().contains("nothing is in flight (lost wake-up)"), e.getMessage());
    }

    @Test
    void waitsThroughTimersByJumpingTheVirtualClock() {
        MemoryIO io = MemoryIO.fifo();
        Completion[] timer = new Completion[1];
        String v = Blocking.run(io, () -> {
            if (timer[0] == null) {
                timer[0] = io.sleep(5_000_000_000L, Completion.timer(null));
                return IOResult.io(timer[0]);
            }
            return IOResult.done("woke at " + io.clock().nowNanos());
        });
        assertEquals("woke at 5000000000", v);
    }

    @Test
    void boundsWaitingWithMaxPolls() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("f", true);
        Completion last = Completion.write(null);
        // A chain of 10 writes, each submitted by the previous one's callback; the last finishes `last`.
        chain(f, 10, last);
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> Blocking.run(io, () -> last.finished() ? IOResult.done(1) : IOResult.io(last), 3));
        assertTrue(e.getMessage().contains("after 3 polls"), e.getMessage());
    }

    private static void chain(File f, int left, Completion last) {
        f.pwrite(left, new byte[] {1}, Completion.write(c -> {
            if (left == 1) {
                last.complete(0);
            } else {
                chain(f, left - 1, last);
            }
        }));
    }

    @Test
    void yieldingOperationLetsTheBackendRun() {
        // The operation yields until a write it started has completed: Blocking must poll the IO on a
        // yield, or this never ends.
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("f", true);
        Completion[] w = new Completion[1];
        int[] yields = new int[1];
        int v = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Blocking.run(io, () -> {
            if (w[0] == null) {
                w[0] = f.pwrite(0, new byte[] {7}, Completion.write(null));
            }
            if (!w[0].finished()) {
                yields[0]++;
                return IOResult.io(Completion.yielded());
            }
            return IOResult.done(w[0].result());
        }, 1_000));
        assertEquals(1, v);
        assertEquals(1, yields[0]);
    }

    @Test
    void operationThatYieldsForeverHitsMaxPolls() {
        MemoryIO io = MemoryIO.immediate();
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
            IllegalStateException.class, () -> Blocking.run(io, () -> IOResult.io(Completion.yielded()), 50)));
        assertTrue(e.getMessage().contains("still yielding"), e.getMessage());
    }

    @Test
    void argumentsAreChecked() {
        MemoryIO io = MemoryIO.immediate();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Blocking.run(io, IOResult::done, 0));
        assertEquals("maxPolls: 0 (expected: > 0)", e.getMessage());
        assertThrows(NullPointerException.class, () -> Blocking.run(null, IOResult::done));
        assertThrows(NullPointerException.class, () -> Blocking.run(io, null));
    }
}
