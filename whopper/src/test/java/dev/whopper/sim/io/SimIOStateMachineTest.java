package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionGroup;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import dev.whopper.sim.VirtualClock;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The core async model on SimIO: a machine writes pages in a group, syncs, and reads them back. */
class SimIOStateMachineTest {
    private static final int PAGE = 512;

    /** Writes {@code pages} pages as one group, syncs, reads everything back; the value is what it read. */
    static final class WriteSyncRead implements StateTransition<byte[]> {
        enum State { START, WRITING, SYNCING, READING }

        private final File file;
        private final int pages;
        private State state = State.START;
        private Completion pending;
        private byte[] readBuffer;
        int finalized;

        WriteSyncRead(File file, int pages) {
            this.file = file;
            this.pages = pages;
        }

        @Override
        public Transition<byte[]> transition() {
            switch (state) {
                case START -> {
                    CompletionGroup g = new CompletionGroup(pages);
                    for (int p = 0; p < pages; p++) {
                        g.add(file.pwrite((long) p * PAGE, page(p), Completion.write(null)));
                    }
                    pending = g.build();
                    state = State.WRITING;
                    return Transition.io(pending);
                }
                case WRITING -> {
                    check(pending);
                    pending = file.sync(Completion.sync(null));
                    state = State.SYNCING;
                    return Transition.io(pending);
                }
                case SYNCING -> {
                    check(pending);
                    readBuffer = new byte[pages * PAGE];
                    pending = file.pread(0, Completion.read(readBuffer, null));
                    state = State.READING;
                    return Transition.io(pending);
                }
                case READING -> {
                    check(pending);
                    return Transition.done(readBuffer);
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }

        @Override
        public void finalizeOnce(byte[] value) {
            finalized++;
        }

        private static void check(Completion c) {
            if (!c.succeeded()) {
                throw new IllegalStateException("awaited " + c + " did not succeed");
            }
        }
    }

    static byte[] page(int p) {
        return Sims.bytes(PAGE, p + 7);
    }

    /** Drives the machine: step it; while it waits, move the clock to the next due event and fire. */
    static byte[] drive(SimIO io, StateMachine<byte[]> m) {
        VirtualClock clock = (VirtualClock) io.clock();
        for (int rounds = 0; rounds < 10_000; rounds++) {
            IOResult<byte[]> r = m.step();
            if (!r.isIo()) {
                return r.value();
            }
            Completion c = r.completion();
            while (!c.finished()) {
                long next = io.nextDueNanos();
                if (next == Long.MAX_VALUE) {
                    throw new AssertionError("waiting on " + c + " with nothing pending");
                }
                assertTrue(next >= clock.nowNanos());
                clock.advanceTo(next);
                assertTrue(io.fireDue() > 0);
            }
        }
        throw new AssertionError("machine did not finish");
    }

    @Property(tries = 60)
    void machineRunsToCompletion(@ForAll long seed, @ForAll @IntRange(min = 1, max = 24) int pages) {
        SimIO io = Sims.create(seed, LatencyProfile.hdd(), FaultConfig.none());
        File f = io.open("db", true);
        WriteSyncRead t = new WriteSyncRead(f, pages);
        StateMachine<byte[]> m = new StateMachine<>(t);
        byte[] read = drive(io, m);
        assertTrue(m.finished());
        assertEquals(1, t.finalized);
        for (int p = 0; p < pages; p++) {
            assertArrayEquals(page(p), Arrays.copyOfRange(read, p * PAGE, (p + 1) * PAGE));
        }
        assertArrayEquals(read, io.durableContents("db"), "the synced pages are durable");
        assertTrue(io.idle());
        assertTrue(io.clock().nowNanos() > 0, "simulated time passed");
    }

    @Test
    void aCrashMidWayLeavesTheMachineWaitingForever() {
        SimIO io = Sims.create(42, LatencyProfile.ssd(), FaultConfig.none());
        File f = io.open("db", true);
        StateMachine<byte[]> m = new StateMachine<>(new WriteSyncRead(f, 8));
        IOResult<byte[]> r = m.step();
        assertTrue(r.isIo());
        Completion group = r.completion();
        int fired = io.advanceAndFire();
        assertTrue(fired >= 1 && fired < 8, "fired " + fired);
        CrashReport report = io.crash(CrashOptions.dropUnsynced());
        assertEquals(8 - fired, report.abandonedWrites(), "every write not yet completed is abandoned");
        assertEquals(8 - fired, report.abandonedTotal());
        assertFalse(group.finished(), "the group waits on abandoned writes: outcome unknown");
        assertEquals(0, io.contents("db").length, "nothing was synced");
    }
}
