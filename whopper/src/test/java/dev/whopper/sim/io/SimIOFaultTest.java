package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.sim.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimIOFaultTest {
    private static final int N = 50;
    private static final byte FIRST_BYTE = Sims.bytes(4096, 1)[0];

    /** A file with 4 KiB of synced data. */
    private static SimIO withData(long seed, FaultConfig faults) {
        SimIO io = Sims.create(seed, new LatencyProfile.Uniform(10, 1_000), FaultConfig.none());
        File f = io.open("f", true);
        f.pwrite(0, Sims.bytes(4096, 1), Completion.write(null));
        Sims.drain(io);
        f.sync(Completion.sync(null));
        Sims.drain(io);
        io.setFaultConfig(faults);
        return io;
    }

    @Test
    void ioErrorReadFailsEveryRead() {
        SimIO io = withData(1, FaultConfig.none().with(FaultKind.IO_ERROR_READ, 1.0));
        File f = io.open("f", false);
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            cs.add(f.pread(i, Completion.read(new byte[16], null)));
        }
        f.pwrite(0, new byte[] {5}, Completion.write(null));
        Completion sync = f.sync(Completion.sync(null));
        Sims.drain(io);
        for (Completion c : cs) {
            assertEquals(ErrorCode.IO_ERROR, c.error().code());
            assertArrayEquals(new byte[16], c.buffer(), "a failed read delivers nothing");
        }
        assertEquals("injected I/O error: read of 16 bytes at offset 0 of f", cs.get(0).error().message());
        assertTrue(sync.succeeded(), "other kinds are unaffected");
        assertEquals(N, io.stats().faults().count(FaultKind.IO_ERROR_READ));
        assertEquals(N, io.stats().faults().total());
    }

    @Test
    void ioErrorWriteFailsEveryWriteAndWritesNothing() {
        SimIO io = withData(2, FaultConfig.none().with(FaultKind.IO_ERROR_WRITE, 1.0));
        File f = io.open("f", false);
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            cs.add(f.pwrite(i * 10L, new byte[] {9, 9, 9}, Completion.write(null)));
        }
        cs.add(f.pwritev(5000, List.of(new byte[3]), Completion.write(null)));
        Sims.drain(io);
        for (Completion c : cs) {
            assertEquals(ErrorCode.IO_ERROR, c.error().code());
        }
        assertArrayEquals(Sims.bytes(4096, 1), io.contents("f"));
        assertEquals(0, io.unsyncedOperations("f"));
        assertEquals(N + 1, io.stats().faults().count(FaultKind.IO_ERROR_WRITE));
        assertEquals(N + 1, io.stats().requests(RequestKind.WRITE).failed());
    }

    @Test
    void ioErrorSyncFailsEverySyncAndKeepsWritesPending() {
        SimIO io = withData(3, FaultConfig.none().with(FaultKind.IO_ERROR_SYNC, 1.0));
        File f = io.open("f", false);
        f.pwrite(0, new byte[] {42}, Completion.write(null));
        Sims.drain(io);
        for (int i = 0; i < N; i++) {
            Completion s = f.sync(Completion.sync(null));
            Sims.drain(io);
            assertEquals(ErrorCode.IO_ERROR, s.error().code());
        }
        assertEquals(FIRST_BYTE, io.durableContents("f")[0], "nothing became durable");
        assertEquals(1, io.unsyncedOperations("f"), "an IO_ERROR sync keeps the writes for a retry");
        io.setFaultConfig(FaultConfig.none());
        Completion retry = f.sync(Completion.sync(null));
        Sims.drain(io);
        assertTrue(retry.succeeded());
        assertEquals(42, io.durableContents("f")[0], "the retry persisted them");
        assertEquals(N, io.stats().faults().count(FaultKind.IO_ERROR_SYNC));
    }

    @Test
    void ioErrorTruncateFailsEveryTruncation() {
        SimIO io = withData(4, FaultConfig.none().with(FaultKind.IO_ERROR_TRUNCATE, 1.0));
        File f = io.open("f", false);
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            cs.add(f.truncate(i, Completion.truncate(null)));
        }
        Sims.drain(io);
        for (Completion c : cs) {
            assertEquals(ErrorCode.IO_ERROR, c.error().code());
        }
        assertEquals(4096, f.size());
        assertEquals(N, io.stats().faults().count(FaultKind.IO_ERROR_TRUNCATE));
    }

    @Test
    void shortReadDeliversAStrictPrefix() {
        SimIO io = withData(5, FaultConfig.none().with(FaultKind.SHORT_READ, 1.0));
        File f = io.open("f", false);
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            cs.add(f.pread(i * 8L, Completion.read(new byte[64], null)));
        }
        Sims.drain(io);
        byte[] data = Sims.bytes(4096, 1);
        for (int i = 0; i < N; i++) {
            Completion c = cs.get(i);
            assertEquals(ErrorCode.SHORT_READ, c.error().code());
            String m = c.error().message();
            assertTrue(m.startsWith("read of 64 bytes at offset " + (i * 8) + " of f returned ") && m.endsWith(" (injected)"), m);
            int n = Integer.parseInt(m.substring(m.indexOf("returned ") + 9, m.indexOf(" (injected)")));
            assertTrue(n >= 0 && n < 64);
            assertArrayEquals(Arrays.copyOfRange(data, i * 8, i * 8 + n), Arrays.copyOf(c.buffer(), n));
            for (int j = n; j < 64; j++) {
                assertEquals(0, c.buffer()[j]);
            }
        }
        assertEquals(N, io.stats().faults().count(FaultKind.SHORT_READ));
    }

    @Test
    void tornWriteLeavesASectorAlignedProperPrefixAndFails() {
        int sector = 16;
        SimIO io = withData(6, FaultConfig.none().with(FaultKind.TORN_WRITE, 1.0).withSectorSize(sector));
        File f = io.open("f", false);
        int[] lengths = new int[N];
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            lengths[i] = 1 + i * 3;
            long offset = 8192L + i * 1000L + (i % 7);
            long lengthBefore = f.size();
            Completion c = f.pwrite(offset, Sims.bytes(lengths[i], i + 2), Completion.write(null));
            cs.add(c);
            Sims.drain(io);
            assertEquals(ErrorCode.IO_ERROR, c.error().code());
            String m = c.error().message();
            assertTrue(m.startsWith("torn write: ") && m.endsWith(" of f reached the file"), m);
            int prefix = Integer.parseInt(m.substring(12, m.indexOf(" of ")));
            assertTrue(prefix >= 0 && prefix < lengths[i], m);
            assertTrue(prefix == 0 || (offset + prefix) % sector == 0, "prefix ends on a sector boundary: " + m);
            byte[] now = io.contents("f");
            if (prefix > 0) {
                assertArrayEquals(Arrays.copyOf(Sims.bytes(lengths[i], i + 2), prefix),
                    Arrays.copyOfRange(now, (int) offset, (int) offset + prefix));
            }
            assertEquals(prefix > 0 ? offset + prefix : lengthBefore, now.length, "nothing past the prefix was written");
        }
        assertEquals(N, io.stats().faults().count(FaultKind.TORN_WRITE));
    }

    @Test
    void bitFlipChangesExactlyOneBitOfStoredData() {
        SimIO io = withData(7, FaultConfig.none().with(FaultKind.BIT_FLIP, 1.0));
        File f = io.open("f", false);
        long[] flippedAt = {-1};
        io.setListener(new SimIOListener() {
            @Override
            public void onCompletion(long t, String p, dev.whopper.core.io.CompletionKind k, long o, long l, int r,
                                     ErrorCode e) { }

            @Override
            public void onFault(long t, String p, FaultKind fault, long offset) {
                assertEquals(FaultKind.BIT_FLIP, fault);
                flippedAt[0] = offset;
            }
        });
        for (int i = 0; i < N; i++) {
            byte[] data = Sims.bytes(100, i + 100);
            byte[] copy = data.clone();
            Completion c = f.pwrite(i * 100L, data, Completion.write(null));
            Sims.drain(io);
            assertTrue(c.succeeded(), "a bit flip is silent");
            assertArrayEquals(copy, data, "the caller's buffer is untouched");
            byte[] stored = Arrays.copyOfRange(io.contents("f"), i * 100, i * 100 + 100);
            int bits = 0;
            for (int j = 0; j < 100; j++) {
                bits += Integer.bitCount((stored[j] ^ copy[j]) & 0xFF);
            }
            assertEquals(1, bits, "exactly one bit differs");
            assertTrue(flippedAt[0] >= i * 100L && flippedAt[0] < i * 100L + 100);
            assertTrue(stored[(int) (flippedAt[0] - i * 100L)] != copy[(int) (flippedAt[0] - i * 100L)]);
        }
        f.sync(Completion.sync(null));
        Sims.drain(io);
        assertArrayEquals(io.contents("f"), io.durableContents("f"), "the flipped data is what gets persisted");
        assertEquals(N, io.stats().faults().count(FaultKind.BIT_FLIP));
    }

    @Test
    void syncFailureLeavesDataNonDurableEvenAfterALaterSync() {
        SimIO io = withData(8, FaultConfig.none().with(FaultKind.SYNC_FAILURE, 1.0));
        File f = io.open("f", false);
        f.pwrite(0, new byte[] {42}, Completion.write(null));
        Sims.drain(io);
        Completion s = f.sync(Completion.sync(null));
        Sims.drain(io);
        assertEquals(ErrorCode.SYNC_FAILED, s.error().code());
        assertEquals("injected sync failure: 1 unsynced operations of f will never become durable", s.error().message());
        assertEquals(42, io.contents("f")[0], "still readable");
        assertEquals(FIRST_BYTE, io.durableContents("f")[0], "not durable");
        io.setFaultConfig(FaultConfig.none());
        Completion later = f.sync(Completion.sync(null));
        Sims.drain(io);
        assertTrue(later.succeeded());
        assertEquals(FIRST_BYTE, io.durableContents("f")[0], "the failed sync's writes were forgotten (fsyncgate)");
        io.crash(CrashOptions.keepSomeAndTear());
        assertEquals(FIRST_BYTE, io.contents("f")[0], "and a crash loses them");
        assertEquals(1, io.stats().faults().count(FaultKind.SYNC_FAILURE));
    }

    @Test
    void latencySpikeDelaysRequests() {
        long spike = 1_000_000;
        SimIO io = Sims.create(9, new LatencyProfile.Fixed(100),
            FaultConfig.none().with(FaultKind.LATENCY_SPIKE, 1.0).withLatencySpikeNanos(spike));
        File f = io.open("f", true);
        Completion w = f.pwrite(0, new byte[1], Completion.write(null));
        Completion t = io.sleep(50, Completion.timer(null));
        assertEquals(50, io.nextDueNanos(), "timers are not spiked");
        io.advanceAndFire();
        assertTrue(t.succeeded());
        assertEquals(100 + spike, io.nextDueNanos());
        ((VirtualClock) io.clock()).advanceTo(100 + spike - 1);
        assertEquals(0, io.fireDue());
        ((VirtualClock) io.clock()).advanceTo(100 + spike);
        assertEquals(1, io.fireDue());
        assertTrue(w.succeeded());
        assertEquals(1, io.stats().faults().count(FaultKind.LATENCY_SPIKE));
    }

    @Test
    void disablingFaultsStopsAllOfThem() {
        FaultConfig everything = new FaultConfig(1, 1, 1, 1, 1, 1, 1, 1, 1_000, 1, 512);
        SimIO io = withData(10, everything);
        io.setFaultsEnabled(false);
        SimIOStats before = io.stats();
        File f = io.open("f", false);
        Completion r = f.pread(0, Completion.read(new byte[100], null));
        Completion w = f.pwrite(0, Sims.bytes(1000, 5), Completion.write(null));
        Sims.drain(io);
        Completion s = f.sync(Completion.sync(null));
        Completion t = f.truncate(2000, Completion.truncate(null));
        Sims.drain(io);
        assertTrue(r.succeeded() && w.succeeded() && s.succeeded() && t.succeeded());
        assertEquals(before.faults(), io.stats().faults(), "no fault injected while disabled");
        assertArrayEquals(Sims.bytes(1000, 5), Arrays.copyOf(io.durableContents("f"), 1000));
        io.setFaultsEnabled(true);
        Completion again = f.pread(0, Completion.read(new byte[100], null));
        Sims.drain(io);
        assertEquals(ErrorCode.IO_ERROR, again.error().code(), "re-enabled");
    }

    @Test
    void zeroRatesInjectNothingAndDrawNothing() {
        SimIO a = Sims.create(11, LatencyProfile.ssd(), FaultConfig.none());
        SimIO b = Sims.create(11, LatencyProfile.ssd(), FaultConfig.none().withLatencySpikeNanos(5_000));
        for (SimIO io : List.of(a, b)) {
            File f = io.open("f", true);
            for (int i = 0; i < 200; i++) {
                f.pwrite(i * 100L, Sims.bytes(100, i), Completion.write(null));
                f.pread(i * 50L, Completion.read(new byte[60], null));
                if (i % 10 == 0) {
                    f.sync(Completion.sync(null));
                    f.truncate(i * 100L + 50, Completion.truncate(null));
                }
            }
            Sims.drain(io);
            assertEquals(0, io.stats().faults().total());
        }
        assertArrayEquals(a.contents("f"), b.contents("f"));
        assertEquals(a.stats(), b.stats());
    }

    @Test
    void ratesArePerRequestProbabilities() {
        SimIO io = withData(12, FaultConfig.none().with(FaultKind.IO_ERROR_READ, 0.25));
        File f = io.open("f", false);
        List<Completion> cs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            cs.add(f.pread(0, Completion.read(new byte[8], null)));
        }
        Sims.drain(io);
        long failed = cs.stream().filter(Completion::failed).count();
        assertTrue(failed > 400 && failed < 600, "about a quarter failed: " + failed);
        assertEquals(failed, io.stats().faults().count(FaultKind.IO_ERROR_READ));
    }

    @Test
    void listenerHearsOfEachFaultBeforeItsCompletion() {
        SimIO io = Sims.create(13, new LatencyProfile.Fixed(10),
            FaultConfig.none().with(FaultKind.LATENCY_SPIKE, 1.0).withLatencySpikeNanos(90)
                .with(FaultKind.IO_ERROR_WRITE, 1.0));
        List<String> events = new ArrayList<>();
        io.setListener(new SimIOListener() {
            @Override
            public void onCompletion(long t, String p, dev.whopper.core.io.CompletionKind k, long o, long l, int r,
                                     ErrorCode e) {
                events.add("done " + t + " " + k + " " + e);
            }

            @Override
            public void onFault(long t, String p, FaultKind fault, long offset) {
                events.add("fault " + t + " " + p + " " + fault + " " + offset);
            }
        });
        File f = io.open("f", true);
        Completion w = f.pwrite(7, new byte[3], Completion.write(c -> events.add("callback")));
        assertEquals(List.of("fault 0 f LATENCY_SPIKE 7"), events, "the spike is decided at submit");
        Sims.drain(io);
        assertEquals(List.of("fault 0 f LATENCY_SPIKE 7", "fault 100 f IO_ERROR_WRITE 7", "done 100 WRITE IO_ERROR",
            "callback"), events);
        assertEquals(ErrorCode.IO_ERROR, w.error().code());
    }

    @Test
    void ratesCanChangeMidRun() {
        SimIO io = withData(14, FaultConfig.none());
        File f = io.open("f", false);
        Completion before = f.pread(0, Completion.read(new byte[8], null));
        io.setFaultConfig(FaultConfig.none().with(FaultKind.IO_ERROR_READ, 1.0));
        Sims.drain(io);
        assertEquals(ErrorCode.IO_ERROR, before.error().code(), "decided at completion, with the rates then in force");
        assertEquals(1.0, io.faultConfig().ioErrorRead());
    }
}
