package dev.whopper.core.io.backend;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Clock;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionError;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link MemoryIO}: delivery modes, data effects at completion, durability, crashes, faults, timers. */
class MemoryIOTest {

    private static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** Submits n one-byte writes that log their index when they complete. */
    private static List<Integer> submitLoggedWrites(MemoryIO io, File f, int n) {
        List<Integer> log = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            f.pwrite(i, new byte[] {(byte) i}, Completion.write(c -> log.add(idx)));
        }
        return log;
    }

    @Test
    void immediateCompletesInsideTheSubmittingCall() {
        MemoryIO io = MemoryIO.immediate();
        File f = io.open("a", true);
        List<String> log = new ArrayList<>();
        Completion w = f.pwrite(0, bytes("hello"), Completion.write(c -> log.add("written")));
        assertEquals(List.of("written"), log, "the callback ran inside pwrite");
        assertTrue(w.succeeded());
        assertEquals(5, w.result());
        assertArrayEquals(bytes("hello"), io.contents("a"));
        assertTrue(io.idle());
        assertEquals(0, io.poll());
        assertEquals(MemoryIO.Delivery.IMMEDIATE, io.delivery());
    }

    @Test
    void fifoDeliversInSubmissionOrderInsideStep() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        List<Integer> log = submitLoggedWrites(io, f, 8);
        assertTrue(log.isEmpty(), "nothing completes before step()");
        assertEquals(8, io.pendingRequests());
        assertFalse(io.idle());
        assertEquals(8, io.poll());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), log);
        assertTrue(io.idle());
        assertEquals(MemoryIO.Delivery.FIFO, io.delivery());
    }

    @Test
    void randomDeliveryIsSeededAndReordersAcrossSeeds() {
        Set<List<Integer>> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            MemoryIO io = MemoryIO.randomOrder(seed);
            List<Integer> log = submitLoggedWrites(io, io.open("a", true), 8);
            io.poll();
            assertEquals(8, log.size());
            assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), new HashSet<>(log), "every request completes once");
            orders.add(log);

            MemoryIO again = MemoryIO.randomOrder(seed);
            List<Integer> log2 = submitLoggedWrites(again, again.open("a", true), 8);
            again.poll();
            assertEquals(log, log2, "same seed, same order");
        }
        assertTrue(orders.size() > 10, "seeds give different orders: " + orders.size());
        assertTrue(orders.stream().anyMatch(o -> !o.equals(List.of(0, 1, 2, 3, 4, 5, 6, 7))));
    }

    @Test
    void requestsSubmittedByCallbacksRunInTheNextStep() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        List<String> log = new ArrayList<>();
        f.pwrite(0, bytes("x"), Completion.write(c -> {
            log.add("first");
            f.pwrite(1, bytes("y"), Completion.write(c2 -> log.add("second")));
        }));
        assertEquals(1, io.poll());
        assertEquals(List.of("first"), log);
        assertEquals(1, io.poll());
        assertEquals(List.of("first", "second"), log);
    }

    @Test
    void dataEffectHappensAtCompletionNotAtSubmit() {
        for (MemoryIO io : List.of(MemoryIO.fifo(), MemoryIO.randomOrder(7))) {
            File f = io.open("a", true);
            f.pwrite(0, bytes("old!"), Completion.write(null));
            io.poll();
            Completion w = f.pwrite(0, bytes("new!"), Completion.write(null));
            Completion t = f.truncate(2, Completion.truncate(null));
            assertArrayEquals(bytes("old!"), io.contents("a"), "submitted, not completed: no effect yet");
            assertEquals(4, f.size());
            assertFalse(w.finished());
            assertFalse(t.finished());
            io.poll();
            assertTrue(w.succeeded());
            assertTrue(t.succeeded());
            byte[] after = io.contents("a");
            // FIFO: write then truncate; RANDOM may run them in either order, both end at 2 bytes.
            assertEquals(2, after.length);
            assertEquals(2, f.size());
        }
    }

    @Test
    void readSeesDataAsOfItsCompletion() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        f.pwrite(0, bytes("aaaa"), Completion.write(null));
        io.poll();
        Completion r1 = f.pread(0, Completion.read(new byte[4], null));
        f.pwrite(0, bytes("bbbb"), Completion.write(null));
        Completion r2 = f.pread(0, Completion.read(new byte[4], null));
        assertArrayEquals(new byte[4], r1.buffer(), "the buffer is untouched before completion");
        io.poll();
        assertArrayEquals(bytes("aaaa"), r1.buffer());
        assertArrayEquals(bytes("bbbb"), r2.buffer());
        assertEquals(4, r2.result());
    }

    @Test
    void readPastTheEndIsShortRead() {
        MemoryIO io = MemoryIO.immediate();
        File f = io.open("a", true);
        f.pwrite(0, bytes("abcdef"), Completion.write(null));
        Completion partial = f.pread(4, Completion.read(new byte[8], null));
        assertTrue(partial.failed());
        assertEquals(ErrorCode.SHORT_READ, partial.error().code());
        assertEquals("read of 8 bytes at offset 4 of a returned 2", partial.error().message());
        assertEquals('e', partial.buffer()[0]);
        assertEquals('f', partial.buffer()[1]);
        Completion beyond = f.pread(100, Completion.read(new byte[1], null));
        assertEquals(ErrorCode.SHORT_READ, beyond.error().code());
        Completion exact = f.pread(2, Completion.read(new byte[4], null));
        assertTrue(exact.succeeded());
        assertArrayEquals(bytes("cdef"), exact.buffer());
    }

    @Test
    void closedFileFailsEveryRequestWithIoError() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        f.pwrite(0, bytes("keep"), Completion.write(null));
        io.poll();
        f.close();
        List<Completion> cs = List.of(
            f.pread(0, Completion.read(new byte[4], null)),
            f.pwrite(0, bytes("lost"), Completion.write(null)),
            f.pwritev(0, List.of(bytes("lo"), bytes("st")), Completion.write(null)),
            f.sync(Completion.sync(null)),
            f.truncate(0, Completion.truncate(null)));
        io.poll();
        for (Completion c : cs) {
            assertTrue(c.failed(), c.toString());
            assertEquals(ErrorCode.IO_ERROR, c.error().code());
            assertEquals("file closed: a", c.error().message());
        }
        assertArrayEquals(bytes("keep"), io.contents("a"), "nothing changed");
        File reopened = io.open("a", false);
        assertEquals(4, reopened.size(), "closing a handle keeps the file");
    }

    @Test
    void syncThenCrashKeepsOnlySyncedData() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("db", true);
        f.pwrite(0, bytes("durable-"), Completion.write(null));
        f.sync(Completion.sync(null));
        io.poll();
        f.pwrite(8, bytes("volatile"), Completion.write(null));
        f.pwrite(0, bytes("DURABLE-"), Completion.write(null));
        io.poll();
        assertArrayEquals(bytes("DURABLE-volatile"), io.contents("db"));
        Completion inFlight = f.pwrite(0, bytes("never"), Completion.write(null));
        Completion timer = io.sleep(10, Completion.timer(null));
        io.crash();
        assertArrayEquals(bytes("durable-"), io.contents("db"));
        assertEquals(8, f.size());
        assertTrue(io.idle(), "requests in flight and timers are dropped");
        assertEquals(0, io.poll());
        assertFalse(inFlight.finished(), "a dropped request never completes");
        assertFalse(timer.finished());
        io.crash();
        assertArrayEquals(bytes("durable-"), io.contents("db"), "a second crash changes nothing");
    }

    @Test
    void unsyncedTruncateIsUndoneByCrash() {
        MemoryIO io = MemoryIO.immediate();
        File f = io.open("db", true);
        f.pwrite(0, bytes("0123456789"), Completion.write(null));
        f.sync(Completion.sync(null));
        f.truncate(3, Completion.truncate(null));
        assertEquals(3, f.size());
        io.crash();
        assertArrayEquals(bytes("0123456789"), io.contents("db"));
    }

    @Test
    void tornCrashKeepsWholeSectorsOnly() {
        int sector = 16;
        int sectors = 32;
        boolean sawTorn = false;
        for (long seed = 0; seed < 10; seed++) {
            MemoryIO io = MemoryIO.immediate();
            File f = io.open("db", true);
            f.pwrite(0, filled(sector * sectors, 'o'), Completion.write(null));
            f.sync(Completion.sync(null));
            f.pwrite(0, filled(sector * sectors, 'n'), Completion.write(null));
            io.crash(new SplitMix64(seed), 0.5, sector);
            byte[] after = io.contents("db");
            assertEquals(sector * sectors, after.length);
            int kept = 0;
            for (int s = 0; s < sectors; s++) {
                byte first = after[s * sector];
                assertTrue(first == 'o' || first == 'n');
                for (int i = 0; i < sector; i++) {
                    assertEquals(first, after[s * sector + i], "sector " + s + " is all old or all new");
                }
                kept += first == 'n' ? 1 : 0;
            }
            sawTorn |= kept > 0 && kept < sectors;
            io.crash();
            assertArrayEquals(after, io.contents("db"), "what survived a crash is durable");
        }
        assertTrue(sawTorn, "p = 0.5 tears some runs");
    }

    @Test
    void tornCrashExtremesAndAppendedSectors() {
        MemoryIO io = MemoryIO.immediate();
        File f = io.open("db", true);
        f.pwrite(0, filled(64, 'a'), Completion.write(null));
        io.crash(new SplitMix64(1), 1.0, 16);
        assertArrayEquals(filled(64, 'a'), io.contents("db"), "p = 1 keeps every unsynced sector");

        f.pwrite(64, filled(64, 'b'), Completion.write(null));
        io.crash(new SplitMix64(1), 0.0, 16);
        assertArrayEquals(filled(64, 'a'), io.contents("db"), "p = 0 keeps none");

        // Unsynced appended sectors: the file ends at the last kept sector.
        f.pwrite(64, filled(40, 'c'), Completion.write(null));
        io.crash(new SplitMix64(3), 0.5, 16);
        int len = io.contents("db").length;
        assertTrue(len == 64 || len == 80 || len == 96 || len == 104, "length " + len);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> io.crash(null, 0.5, 0));
        assertEquals("sectorSize: 0 (expected: > 0)", e.getMessage());
    }

    @Test
    void flipBitChangesOneBitInVolatileAndDurableImages() {
        MemoryIO io = MemoryIO.immediate();
        File f = io.open("db", true);
        f.pwrite(0, new byte[] {0, 0, 0, 0}, Completion.write(null));
        f.sync(Completion.sync(null));
        io.flipBit("db", 2, 3);
        assertArrayEquals(new byte[] {0, 0, 8, 0}, io.contents("db"));
        io.crash();
        assertArrayEquals(new byte[] {0, 0, 8, 0}, io.contents("db"), "bit rot survives a crash");
        io.flipBit("db", 2, 3);
        assertArrayEquals(new byte[4], io.contents("db"));
        assertThrows(IllegalArgumentException.class, () -> io.flipBit("db", 4, 0));
        assertThrows(IllegalArgumentException.class, () -> io.flipBit("db", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> io.flipBit("nope", 0, 0));
    }

    @Test
    void faultHookFailsChosenRequestsWithoutTheirDataEffect() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("db", true);
        List<String> seen = new ArrayList<>();
        CompletionError bad = new CompletionError(ErrorCode.IO_ERROR, "bad sector");
        io.setFaultHook((path, kind, offset, length) -> {
            seen.add(path + " " + kind + " " + offset + " " + length);
            return kind == CompletionKind.WRITE && offset == 4 ? bad : null;
        });
        Completion ok = f.pwrite(0, bytes("abcd"), Completion.write(null));
        Completion failed = f.pwrite(4, bytes("efgh"), Completion.write(null));
        Completion sync = f.sync(Completion.sync(null));
        Completion read = f.pread(0, Completion.read(new byte[4], null));
        assertTrue(seen.isEmpty(), "the hook decides at completion time");
        io.poll();
        assertEquals(List.of("db WRITE 0 4", "db WRITE 4 4", "db SYNC 0 0", "db READ 0 4"), seen);
        assertTrue(ok.succeeded());
        assertSame(bad, failed.error());
        assertTrue(sync.succeeded());
        assertArrayEquals(bytes("abcd"), read.buffer());
        assertArrayEquals(bytes("abcd"), io.contents("db"), "the failed write left no data");

        io.setFaultHook((path, kind, offset, length) -> kind == CompletionKind.SYNC
            ? new CompletionError(ErrorCode.SYNC_FAILED, "fsync") : null);
        f.pwrite(0, bytes("ABCD"), Completion.write(null));
        Completion badSync = f.sync(Completion.sync(null));
        io.poll();
        assertEquals(ErrorCode.SYNC_FAILED, badSync.error().code());
        io.crash();
        assertArrayEquals(bytes("abcd"), io.contents("db"), "a failed sync made nothing durable");
        io.setFaultHook(null);
    }

    @Test
    void timersFireOnTheVirtualClockWhichJumpsWhenIdle() {
        MemoryIO io = MemoryIO.fifo();
        Clock clock = io.clock();
        assertEquals(0, clock.nowNanos());
        List<String> log = new ArrayList<>();
        io.sleep(1_000, Completion.timer(c -> log.add("t1000")));
        io.sleep(500, Completion.timer(c -> log.add("t500")));
        io.sleep(500, Completion.timer(c -> log.add("t500b")));
        assertFalse(io.idle());
        assertEquals(0, io.pendingRequests(), "timers are not requests");
        assertEquals(2, io.poll());
        assertEquals(500, clock.nowNanos(), "the clock jumped to the next deadline");
        assertEquals(List.of("t500", "t500b"), log, "same deadline: in start order");
        assertEquals(1, io.poll());
        assertEquals(1_000, clock.nowNanos());
        assertTrue(io.idle());
        assertEquals(0, io.poll());
        assertEquals(1_000, clock.nowNanos(), "nothing to do: the clock stays");
    }

    @Test
    void clockDoesNotJumpWhileRequestsRun() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        Completion t = io.sleep(100, Completion.timer(null));
        f.pwrite(0, bytes("x"), Completion.write(null));
        assertEquals(1, io.poll(), "the write ran, the timer waits");
        assertEquals(0, io.clock().nowNanos());
        assertFalse(t.finished());
        io.advanceTime(100);
        assertEquals(1, io.poll());
        assertTrue(t.succeeded());
        Completion zero = io.sleep(0, Completion.timer(null));
        io.poll();
        assertTrue(zero.succeeded(), "a zero delay fires in the next step");
        assertThrows(IllegalArgumentException.class, () -> io.advanceTime(-1));
        assertThrows(IllegalArgumentException.class, () -> io.sleep(-1, Completion.timer(null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> io.sleep(1, Completion.write(null)));
        assertEquals("completion kind: WRITE (expected: TIMER)", e.getMessage());
    }

    @Test
    void abortedInFlightRequestHasNoDataEffect() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        f.pwrite(0, bytes("data"), Completion.write(null));
        io.poll();
        Completion read = f.pread(0, Completion.read(new byte[4], null));
        Completion write = f.pwrite(0, bytes("XXXX"), Completion.write(null));
        assertTrue(read.abort());
        assertTrue(write.abort());
        io.poll();
        assertArrayEquals(new byte[4], read.buffer(), "a read given up must not fill its buffer later");
        assertArrayEquals(bytes("data"), io.contents("a"));
        assertEquals(ErrorCode.ABORTED, write.error().code());
    }

    @Test
    void stepFromInsideACallbackIsRejected() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        f.pwrite(0, bytes("x"), Completion.write(c -> io.poll()));
        IllegalStateException e = assertThrows(IllegalStateException.class, io::poll);
        assertTrue(e.getMessage().contains("inside a completion callback"), e.getMessage());
        f.pwrite(1, bytes("y"), Completion.write(null));
        assertEquals(1, io.poll(), "the backend still works afterwards");
    }

    @Test
    void pwritevWritesBuffersBackToBackAndGapsAreZero() {
        MemoryIO io = MemoryIO.immediate();
        File f = io.open("a", true);
        Completion w = f.pwritev(2, List.of(bytes("ab"), bytes("cde")), Completion.write(null));
        assertEquals(5, w.result());
        assertArrayEquals(new byte[] {0, 0, 'a', 'b', 'c', 'd', 'e'}, io.contents("a"));
    }

    @Test
    void truncateShrinksAndExtendsWithZeros() {
        MemoryIO io = MemoryIO.immediate();
        File f = io.open("a", true);
        f.pwrite(0, bytes("abcdef"), Completion.write(null));
        f.truncate(2, Completion.truncate(null));
        assertArrayEquals(bytes("ab"), io.contents("a"));
        f.truncate(5, Completion.truncate(null));
        assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0}, io.contents("a"), "no stale bytes come back");
        f.pwrite(7, bytes("z"), Completion.write(null));
        assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 0, 0, 'z'}, io.contents("a"));
        assertThrows(IllegalArgumentException.class, () -> f.truncate(-1, Completion.truncate(null)));
    }

    @Test
    void filesOpenExistAndDelete() {
        MemoryIO io = MemoryIO.immediate();
        IOFailureException e = assertThrows(IOFailureException.class, () -> io.open("missing", false));
        assertEquals(ErrorCode.IO_ERROR, e.error().code());
        assertEquals("no such file: missing", e.error().message());
        assertFalse(io.exists("missing"));
        File f = io.open("x", true);
        assertEquals("x", f.path());
        assertTrue(io.exists("x"));
        f.pwrite(0, bytes("1"), Completion.write(null));
        assertEquals(1, io.open("x", false).size(), "handles share the file");
        io.delete("x");
        assertFalse(io.exists("x"));
        assertThrows(IllegalArgumentException.class, () -> io.contents("x"));
    }

    @Test
    void misuseIsRejectedAtTheCall() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
            () -> f.pread(0, Completion.write(null)));
        assertEquals("completion kind: WRITE (expected: READ)", kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.pwrite(0, bytes("x"), Completion.sync(null)));
        assertThrows(IllegalArgumentException.class, () -> f.sync(Completion.write(null)));
        assertThrows(IllegalArgumentException.class, () -> f.truncate(0, Completion.sync(null)));
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
            () -> f.pread(-1, Completion.read(new byte[1], null)));
        assertEquals("offset: -1 (expected: >= 0)", off.getMessage());
        assertEquals(0, io.pendingRequests(), "rejected requests were not queued");
        assertThrows(IllegalArgumentException.class,
            () -> new MemoryIO(MemoryIO.Delivery.RANDOM, null, new SplitMix64(1)));
        assertThrows(NullPointerException.class, () -> new MemoryIO(null, null, new SplitMix64(1)));
    }


    @Test
    void crashFromACallbackDropsTheRestOfTheStep() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("db", true);
        f.pwrite(0, bytes("sync"), Completion.write(null));
        f.sync(Completion.sync(null));
        io.poll();
        Completion first = f.pwrite(0, bytes("AAAA"), Completion.write(c -> io.crash()));
        Completion second = f.pwrite(4, bytes("BBBB"), Completion.write(null));
        Completion third = f.sync(Completion.sync(null));
        assertEquals(1, io.poll(), "only the request before the crash completed");
        assertTrue(first.succeeded());
        assertFalse(second.finished(), "in flight at the crash: never completes");
        assertFalse(third.finished());
        assertArrayEquals(bytes("sync"), io.contents("db"), "neither the crashed-over write nor later ones stuck");
        assertTrue(io.idle());
        assertEquals(0, io.poll());
    }

    @Test
    void throwingCallbackKeepsTheRequestsThatDidNotRunForTheNextStep() {
        MemoryIO io = MemoryIO.fifo();
        File f = io.open("a", true);
        List<Integer> log = new ArrayList<>();
        f.pwrite(0, bytes("a"), Completion.write(c -> {
            log.add(0);
            throw new IllegalStateException("tool bug");
        }));
        f.pwrite(1, bytes("b"), Completion.write(c -> log.add(1)));
        f.pwrite(2, bytes("c"), Completion.write(c -> log.add(2)));
        assertThrows(IllegalStateException.class, io::poll);
        assertEquals(List.of(0), log);
        assertEquals(2, io.pendingRequests());
        f.pwrite(3, bytes("d"), Completion.write(c -> log.add(3)));
        assertEquals(3, io.poll());
        assertEquals(List.of(0, 1, 2, 3), log, "nothing ran twice, nothing was lost, order kept");
        assertArrayEquals(bytes("abcd"), io.contents("a"));
    }

    @Test
    void engineRandomIsSeeded() {
        long a = MemoryIO.randomOrder(5).random().nextLong();
        long b = MemoryIO.randomOrder(5).random().nextLong();
        long c = MemoryIO.randomOrder(6).random().nextLong();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }
}
