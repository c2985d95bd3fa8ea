package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.random.SplitMix64;
import dev.whopper.sim.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimIOTest {

    @Test
    void dataEffectHappensAtCompletionNotAtSubmit() {
        SimIO io = Sims.create(1, new LatencyProfile.Fixed(5_000), FaultConfig.none());
        File f = io.open("db", true);
        Completion w = f.pwrite(0, Sims.bytes(100, 1), Completion.write(null));
        assertEquals(0, f.size(), "no effect at submit");
        assertEquals(0, io.contents("db").length);
        assertFalse(w.finished());
        assertEquals(5_000, io.nextDueNanos());
        assertEquals(0, io.fireDue(), "nothing due at time 0");
        ((VirtualClock) io.clock()).advanceTo(4_999);
        assertEquals(0, io.poll());
        assertFalse(w.finished());
        ((VirtualClock) io.clock()).advanceTo(5_000);
        assertEquals(1, io.poll());
        assertTrue(w.succeeded());
        assertEquals(100, w.result());
        assertArrayEquals(Sims.bytes(100, 1), io.contents("db"));
        assertEquals(100, f.size());
        assertTrue(io.idle());
        assertEquals(Long.MAX_VALUE, io.nextDueNanos());
    }

    @Test
    void requestNeverCompletesBeforeItsLatencyAndNextDueIsTheMinimum() {
        for (long seed = 0; seed < 20; seed++) {
            SimIO io = Sims.create(seed, new LatencyProfile.Uniform(1_000, 1_000_000), FaultConfig.none());
            VirtualClock clock = (VirtualClock) io.clock();
            File f = io.open("a", true);
            List<long[]> submitted = new ArrayList<>();
            List<Completion> cs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clock.advanceBy(137);
                long at = clock.nowNanos();
                Completion c = f.pwrite(i * 10L, Sims.bytes(10, i), Completion.write(null));
                cs.add(c);
                submitted.add(new long[] {at});
            }
            long[] finishedAt = new long[20];
            for (int i = 0; i < 20; i++) {
                int idx = i;
                cs.get(i).onFinish(c -> finishedAt[idx] = clock.nowNanos());
            }
            long lastDue = 0;
            while (!io.idle()) {
                long next = io.nextDueNanos();
                assertTrue(next >= lastDue, "due times never go backwards");
                lastDue = next;
                clock.advanceTo(next);
                assertTrue(io.fireDue() > 0, "something fires at nextDueNanos");
            }
            for (int i = 0; i < 20; i++) {
                long latency = finishedAt[i] - submitted.get(i)[0];
                assertTrue(latency >= 1_000 && latency <= 1_000_000, "latency " + latency + " in profile bounds");
            }
        }
    }

    @Test
    void sameInstantOrderIsDrawnFromTheIoStream() {
        int aFirst = 0;
        int bFirst = 0;
        for (long seed = 0; seed < 64; seed++) {
            SimIO io = Sims.create(seed, new LatencyProfile.Fixed(10), FaultConfig.none());
            File f = io.open("x", true);
            List<String> order = new ArrayList<>();
            f.pwrite(0, new byte[] {1}, Completion.write(c -> order.add("a")));
            f.pwrite(0, new byte[] {2}, Completion.write(c -> order.add("b")));
            ((VirtualClock) io.clock()).advanceTo(10);
            assertEquals(2, io.fireDue());
            if (order.get(0).equals("a")) {
                aFirst++;
                assertArrayEquals(new byte[] {2}, io.contents("x"), "the later-completing write wins");
            } else {
                bFirst++;
                assertArrayEquals(new byte[] {1}, io.contents("x"));
            }
        }
        assertTrue(aFirst > 5 && bFirst > 5, "both orders occur: a first " + aFirst + ", b first " + bFirst);
    }

    @Test
    void readsPastTheEndAreShortAndReadsOfClosedFilesFail() {
        SimIO io = Sims.create(2);
        File f = io.open("f", true);
        f.pwrite(0, Sims.bytes(10, 3), Completion.write(null));
        Sims.drain(io);
        Completion full = f.pread(2, Completion.read(new byte[8], null));
        Completion past = f.pread(5, Completion.read(new byte[8], null));
        Completion beyond = f.pread(100, Completion.read(new byte[4], null));
        Completion empty = f.pread(100, Completion.read(new byte[0], null));
        Sims.drain(io);
        assertTrue(full.succeeded());
        assertEquals(8, full.result());
        assertArrayEquals(java.util.Arrays.copyOfRange(Sims.bytes(10, 3), 2, 10), full.buffer());
        assertEquals(ErrorCode.SHORT_READ, past.error().code());
        assertEquals("read of 8 bytes at offset 5 of f returned 5", past.error().message());
        assertArrayEquals(java.util.Arrays.copyOfRange(Sims.bytes(10, 3), 5, 10),
            java.util.Arrays.copyOf(past.buffer(), 5), "the available prefix is delivered");
        assertEquals(ErrorCode.SHORT_READ, beyond.error().code());
        assertTrue(empty.succeeded(), "a zero-length read succeeds anywhere");

        f.close();
        Completion afterClose = f.pread(0, Completion.read(new byte[1], null));
        Completion writeAfterClose = f.pwrite(0, new byte[1], Completion.write(null));
        Completion syncAfterClose = f.sync(Completion.sync(null));
        Completion truncAfterClose = f.truncate(0, Completion.truncate(null));
        assertFalse(afterClose.finished(), "failure comes through the completion, not at submit");
        Sims.drain(io);
        for (Completion c : List.of(afterClose, writeAfterClose, syncAfterClose, truncAfterClose)) {
            assertEquals(ErrorCode.IO_ERROR, c.error().code());
            assertEquals("file closed: f", c.error().message());
        }
        assertEquals(10, io.contents("f").length, "nothing changed through the closed handle");
        File again = io.open("f", false);
        Completion ok = again.pread(0, Completion.read(new byte[10], null));
        Sims.drain(io);
        assertTrue(ok.succeeded());
    }

    @Test
    void writesExtendWithZerosTruncateShrinksAndGrows() {
        SimIO io = Sims.create(3);
        File f = io.open("f", true);
        f.pwrite(4, new byte[] {9, 9}, Completion.write(null));
        Sims.drain(io);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 9, 9}, io.contents("f"));
        f.truncate(5, Completion.truncate(null));
        Sims.drain(io);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 9}, io.contents("f"));
        f.truncate(7, Completion.truncate(null));
        Sims.drain(io);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 9, 0, 0}, io.contents("f"), "growing zero-fills, no stale bytes");
        f.pwritev(1, List.of(new byte[] {1}, new byte[] {2, 3}), Completion.write(null));
        Sims.drain(io);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 9, 0, 0}, io.contents("f"));
        assertEquals(7, f.size());
    }

    @Test
    void timersFireAtExactlyTheirDelay() {
        SimIO io = Sims.create(4);
        VirtualClock clock = (VirtualClock) io.clock();
        clock.advanceTo(100);
        long[] firedAt = {-1};
        Completion t = io.sleep(1_000, Completion.timer(c -> firedAt[0] = clock.nowNanos()));
        assertEquals(1_100, io.nextDueNanos());
        assertEquals(1, io.pendingEvents());
        clock.advanceTo(1_099);
        assertEquals(0, io.fireDue());
        clock.advanceTo(1_100);
        assertEquals(1, io.fireDue());
        assertTrue(t.succeeded());
        assertEquals(1_100, firedAt[0]);
        Completion zero = io.sleep(0, Completion.timer(null));
        assertEquals(1, io.fireDue(), "a zero delay is due at once");
        assertTrue(zero.succeeded());
        assertEquals(2, io.stats().requests(RequestKind.TIMER).completed());
    }

    @Test
    void requestsSubmittedByCallbacksFireInALaterCall() {
        SimIO io = Sims.create(5, new LatencyProfile.Fixed(0), FaultConfig.none());
        File f = io.open("f", true);
        int[] count = {0};
        f.pwrite(0, new byte[1], Completion.write(c -> {
            count[0]++;
            f.pwrite(1, new byte[1], Completion.write(c2 -> count[0]++));
        }));
        assertEquals(1, io.fireDue());
        assertEquals(1, count[0]);
        assertEquals(1, io.pendingEvents());
        assertEquals(0, io.nextDueNanos());
        assertEquals(1, io.fireDue());
        assertEquals(2, count[0]);
    }

    @Test
    void fireDueFromACallbackIsRejected() {
        SimIO io = Sims.create(6, new LatencyProfile.Fixed(0), FaultConfig.none());
        File f = io.open("f", true);
        RuntimeException[] thrown = {null};
        f.sync(Completion.sync(c -> {
            try {
                io.fireDue();
            } catch (IllegalStateException e) {
                thrown[0] = e;
            }
        }));
        io.fireDue();
        assertEquals("fireDue() called re-entrantly (from a completion callback or listener)", thrown[0].getMessage());
    }

    @Test
    void aThrowingCallbackKeepsTheRestQueued() {
        SimIO io = Sims.create(7, new LatencyProfile.Fixed(0), FaultConfig.none());
        File f = io.open("f", true);
        f.sync(Completion.sync(c -> {
            throw new IllegalStateException("boom");
        }));
        f.sync(Completion.sync(c -> {
            throw new IllegalStateException("boom");
        }));
        assertThrows(IllegalStateException.class, io::fireDue);
        assertEquals(1, io.pendingEvents(), "the request that did not fire is still pending");
        assertThrows(IllegalStateException.class, io::fireDue);
        assertTrue(io.idle());
    }

    @Test
    void filesAndTheirNamespace() {
        SimIO io = Sims.create(8);
        assertFalse(io.exists("a"));
        IOFailureException e = assertThrows(IOFailureException.class, () -> io.open("a", false));
        assertEquals(ErrorCode.IO_ERROR, e.error().code());
        assertEquals("no such file: a", e.error().message());
        File a = io.open("a", true);
        assertEquals("a", a.path());
        io.open("c", true);
        io.open("b", true);
        assertEquals(List.of("a", "b", "c"), io.paths(), "paths in order");
        io.delete("b");
        assertFalse(io.exists("b"));
        assertEquals("path: b (expected: an existing file)",
            assertThrows(IllegalArgumentException.class, () -> io.contents("b")).getMessage());
        assertEquals("path: \"\" (expected: a non-empty name)",
            assertThrows(IllegalArgumentException.class, () -> io.open("", true)).getMessage());
    }

    @Test
    void argumentChecksHaveExactMessages() {
        SimIO io = Sims.create(9);
        File f = io.open("f", true);
        assertEquals("completion kind: WRITE (expected: READ)", assertThrows(IllegalArgumentException.class,
            () -> f.pread(0, Completion.write(null))).getMessage());
        assertEquals("offset: -1 (expected: >= 0)", assertThrows(IllegalArgumentException.class,
            () -> f.pread(-1, Completion.read(new byte[1], null))).getMessage());
        assertEquals("offset: -5 (expected: >= 0)", assertThrows(IllegalArgumentException.class,
            () -> f.pwrite(-5, new byte[1], Completion.write(null))).getMessage());
        assertEquals("completion kind: SYNC (expected: WRITE)", assertThrows(IllegalArgumentException.class,
            () -> f.pwritev(0, List.of(), Completion.sync(null))).getMessage());
        assertEquals("completion kind: READ (expected: SYNC)", assertThrows(IllegalArgumentException.class,
            () -> f.sync(Completion.read(new byte[0], null))).getMessage());
        assertEquals("length: -1 (expected: >= 0)", assertThrows(IllegalArgumentException.class,
            () -> f.truncate(-1, Completion.truncate(null))).getMessage());
        assertEquals("delayNanos: -1 (expected: >= 0)", assertThrows(IllegalArgumentException.class,
            () -> io.sleep(-1, Completion.timer(null))).getMessage());
        assertEquals("completion kind: WRITE (expected: TIMER)", assertThrows(IllegalArgumentException.class,
            () -> io.sleep(1, Completion.write(null))).getMessage());
        List<byte[]> withNull = new ArrayList<>();
        withNull.add(new byte[1]);
        withNull.add(null);
        assertEquals("buffers[1]", assertThrows(NullPointerException.class,
            () -> f.pwritev(0, withNull, Completion.write(null))).getMessage());
        assertTrue(io.idle(), "rejected requests were not queued");
        assertEquals(0, io.stats().requests(RequestKind.WRITE).submitted());
        SplitMix64 same = new SplitMix64(1);
        assertEquals("random sources: the same object passed twice (expected: three independent streams)",
            assertThrows(IllegalArgumentException.class, () -> new SimIO(new VirtualClock(), same, same,
                new SplitMix64(2), LatencyProfile.fast(), FaultConfig.none())).getMessage());
    }

    @Test
    void writesBeyondTheMaximumFileSizeFailWithNoSpace() {
        SimIO io = Sims.create(10);
        File f = io.open("f", true);
        Completion w = f.pwrite(SimIO.MAX_FILE_BYTES, new byte[1], Completion.write(null));
        Completion huge = f.pwrite(Long.MAX_VALUE - 1, new byte[4], Completion.write(null));
        Completion t = f.truncate(SimIO.MAX_FILE_BYTES + 1, Completion.truncate(null));
        Sims.drain(io);
        assertEquals(ErrorCode.NO_SPACE, w.error().code());
        assertEquals(ErrorCode.NO_SPACE, huge.error().code());
        assertEquals(ErrorCode.NO_SPACE, t.error().code());
        assertEquals(0, f.size());
    }

    @Test
    void listenerSeesEveryCompletionBeforeItsCallback() {
        SimIO io = Sims.create(11, new LatencyProfile.Fixed(50), FaultConfig.none());
        List<String> events = new ArrayList<>();
        io.setListener(new SimIOListener() {
            @Override
            public void onCompletion(long timeNanos, String path, CompletionKind kind, long offset, long length,
                                     int result, ErrorCode error) {
                events.add(timeNanos + " " + path + " " + kind + " " + offset + " " + length + " " + result + " " + error);
            }
        });
        File f = io.open("f", true);
        f.pwrite(3, new byte[4], Completion.write(c -> events.add("cb write")));
        Sims.drain(io);
        f.pread(3, Completion.read(new byte[8], c -> events.add("cb read")));
        f.truncate(2, Completion.truncate(null));
        Sims.drain(io);
        io.sleep(7, Completion.timer(null));
        Sims.drain(io);
        assertEquals("50 f WRITE 3 4 4 null", events.get(0));
        assertEquals("cb write", events.get(1));
        assertTrue(events.contains("100 f READ 3 8 0 SHORT_READ"), events.toString());
        assertTrue(events.contains("100 f TRUNCATE 2 0 0 null"));
        assertEquals("107 null TIMER 0 7 0 null", events.get(events.size() - 1));
        assertSame(io.clock(), io.clock());
    }

    @Test
    void statsCountRequestsAndBytes() {
        SimIO io = Sims.create(12);
        File f = io.open("f", true);
        f.pwrite(0, new byte[100], Completion.write(null));
        f.pwritev(100, List.of(new byte[10], new byte[20]), Completion.write(null));
        Sims.drain(io);
        f.pread(0, Completion.read(new byte[50], null));
        f.pread(120, Completion.read(new byte[50], null));
        f.sync(Completion.sync(null));
        Sims.drain(io);
        SimIOStats s = io.stats();
        assertEquals(new SimIOStats.RequestCounts(2, 2, 0, 0), s.requests(RequestKind.WRITE));
        assertEquals(new SimIOStats.RequestCounts(2, 1, 1, 0), s.requests(RequestKind.READ));
        assertEquals(new SimIOStats.RequestCounts(1, 1, 0, 0), s.requests(RequestKind.SYNC));
        assertEquals(130, s.bytesWritten());
        assertEquals(60, s.bytesRead());
        assertEquals(0, s.faults().total());
        assertEquals(0, s.crashes());
        assertEquals(0, s.requests(RequestKind.READ).pending());
    }
}
