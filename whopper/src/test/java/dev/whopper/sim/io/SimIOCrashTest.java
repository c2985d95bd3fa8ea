package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.model.FileCrash;
import dev.whopper.sim.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimIOCrashTest {

    @Test
    void syncMakesOnlyWritesCompletedBeforeItDurable() {
        // Writes take 30 ns, syncs 20 ns: a sync submitted after a write can complete before it.
        SimIO slow = Sims.create(2, new LatencyProfile.PerKind(new LatencyProfile.Fixed(1), new LatencyProfile.Fixed(30),
            new LatencyProfile.Fixed(20), new LatencyProfile.Fixed(1)), FaultConfig.none());
        VirtualClock c2 = (VirtualClock) slow.clock();
        File g = slow.open("wal", true);
        Completion first = g.pwrite(0, Sims.bytes(4, 1), Completion.write(null)); // due 30
        c2.advanceTo(30);
        slow.fireDue();
        assertTrue(first.succeeded());
        Completion late = g.pwrite(4, Sims.bytes(4, 2), Completion.write(null)); // due 60
        c2.advanceTo(35);
        Completion s = g.sync(Completion.sync(null)); // due 55: before the late write completes
        slow.advanceAndFire();
        assertEquals(55, c2.nowNanos());
        assertTrue(s.succeeded());
        assertFalse(late.finished());
        slow.advanceAndFire();
        assertTrue(late.succeeded());
        assertArrayEquals(concat(Sims.bytes(4, 1), Sims.bytes(4, 2)), slow.contents("wal"));
        assertArrayEquals(Sims.bytes(4, 1), slow.durableContents("wal"), "only the write completed before the sync");
        assertEquals(1, slow.unsyncedOperations("wal"));

        CrashReport r = slow.crash(CrashOptions.dropUnsynced());
        assertArrayEquals(Sims.bytes(4, 1), slow.contents("wal"), "the crash dropped the unsynced write");
        assertEquals(List.of(new FileCrash("wal", 8, 4, 0, 1, 0, 0, 1, 0, 0)), r.files());
        assertEquals(0, r.abandonedTotal());
    }

    @Test
    void crashAbandonsPendingRequestsWithoutRunningCallbacksAndCountsThem() {
        SimIO io = Sims.create(3, new LatencyProfile.Fixed(100), FaultConfig.none());
        File f = io.open("f", true);
        f.pwrite(0, new byte[10], Completion.write(null));
        io.advanceAndFire();
        int[] callbacks = {0};
        List<Completion> inFlight = new ArrayList<>();
        inFlight.add(f.pread(0, Completion.read(new byte[4], c -> callbacks[0]++)));
        inFlight.add(f.pread(4, Completion.read(new byte[4], c -> callbacks[0]++)));
        inFlight.add(f.pwrite(0, new byte[] {7}, Completion.write(c -> callbacks[0]++)));
        inFlight.add(f.sync(Completion.sync(c -> callbacks[0]++)));
        inFlight.add(f.truncate(1, Completion.truncate(c -> callbacks[0]++)));
        inFlight.add(io.sleep(5, Completion.timer(c -> callbacks[0]++)));
        inFlight.add(io.sleep(500, Completion.timer(c -> callbacks[0]++)));
        List<CrashReport> seen = new ArrayList<>();
        io.setListener(new SimIOListener() {
            @Override
            public void onCompletion(long t, String p, dev.whopper.core.io.CompletionKind k, long o, long l, int r,
                                     ErrorCode e) {
                callbacks[0] += 1000;
            }

            @Override
            public void onCrash(CrashReport report) {
                seen.add(report);
            }
        });
        CrashReport r = io.crash(CrashOptions.dropUnsynced());
        assertEquals(new CrashReport(100, 2, 1, 1, 1, 2, r.files()), r);
        assertEquals(7, r.abandonedTotal());
        assertEquals(List.of(r), seen);
        assertTrue(io.idle());
        assertEquals(Long.MAX_VALUE, io.nextDueNanos());
        Sims.drain(io);
        ((VirtualClock) io.clock()).advanceBy(10_000);
        assertEquals(0, io.fireDue());
        assertEquals(0, callbacks[0], "no callback and no listener call for abandoned requests");
        for (Completion c : inFlight) {
            assertFalse(c.finished(), "outcome unknown: " + c);
        }
        SimIOStats s = io.stats();
        assertEquals(new SimIOStats.RequestCounts(2, 0, 0, 2), s.requests(RequestKind.READ));
        assertEquals(new SimIOStats.RequestCounts(2, 1, 0, 1), s.requests(RequestKind.WRITE));
        assertEquals(new SimIOStats.RequestCounts(2, 0, 0, 2), s.requests(RequestKind.TIMER));
        assertEquals(1, s.crashes());
        assertEquals(0, io.contents("f").length, "the first write was never synced");
    }

    @Test
    void crashInsideACallbackAbandonsTheRestOfTheBatch() {
        SimIO io = Sims.create(4, new LatencyProfile.Fixed(10), FaultConfig.none());
        File f = io.open("f", true);
        int[] ran = {0};
        CrashReport[] report = {null};
        for (int i = 0; i < 5; i++) {
            f.sync(Completion.sync(c -> {
                ran[0]++;
                if (report[0] == null) {
                    report[0] = io.crash(CrashOptions.dropUnsynced());
                }
            }));
        }
        assertEquals(1, io.advanceAndFire());
        assertEquals(1, ran[0]);
        assertEquals(4, report[0].abandonedSyncs());
        assertTrue(io.idle());
    }

    @Test
    void oldHandlesDieAtACrashAndTheDiskIsUsableAfterwards() {
        SimIO io = Sims.create(5);
        File f = io.open("db", true);
        f.pwrite(0, Sims.bytes(8, 1), Completion.write(null));
        Sims.drain(io);
        f.sync(Completion.sync(null));
        Sims.drain(io);
        io.crash(CrashOptions.dropUnsynced());
        Completion stale = f.pread(0, Completion.read(new byte[8], null));
        Sims.drain(io);
        assertEquals(ErrorCode.IO_ERROR, stale.error().code());
        File reopened = io.open("db", false);
        Completion read = reopened.pread(0, Completion.read(new byte[8], null));
        reopened.pwrite(8, Sims.bytes(8, 2), Completion.write(null));
        Sims.drain(io);
        assertArrayEquals(Sims.bytes(8, 1), read.buffer(), "synced data survived");
        assertEquals(16, reopened.size());
    }

    @Test
    void keepAllAppliesEveryUnsyncedOperationInCompletionOrder() {
        SimIO io = Sims.create(6, new LatencyProfile.Fixed(1), FaultConfig.none());
        File f = io.open("f", true);
        f.pwrite(0, Sims.bytes(1000, 1), Completion.write(null));
        Sims.drain(io);
        f.truncate(600, Completion.truncate(null));
        Sims.drain(io);
        f.pwrite(700, Sims.bytes(100, 2), Completion.write(null));
        Sims.drain(io);
        byte[] visible = io.contents("f");
        CrashReport r = io.crash(new CrashOptions(1.0, false));
        assertArrayEquals(visible, io.contents("f"));
        assertArrayEquals(visible, io.durableContents("f"), "what survived a crash is durable");
        assertEquals(new FileCrash("f", 800, 800, 2, 0, 0, 2 + 1, 0, 1, 0), r.files().get(0));
    }

    @Test
    void tearKeepsANonEmptyProperSubsetOfSectors() {
        int sector = 512;
        int torn = 0;
        for (long seed = 0; seed < 40; seed++) {
            SimIO io = Sims.create(seed, new LatencyProfile.Fixed(1), FaultConfig.none());
            File f = io.open("f", true);
            byte[] old = Sims.bytes(4 * sector, 9);
            f.pwrite(0, old, Completion.write(null));
            Sims.drain(io);
            f.sync(Completion.sync(null));
            Sims.drain(io);
            byte[] fresh = Sims.bytes(4 * sector, 3);
            f.pwrite(0, fresh, Completion.write(null));
            Sims.drain(io);
            CrashReport r = io.crash(new CrashOptions(0, true));
            FileCrash fc = r.files().get(0);
            assertEquals(1, fc.writesTorn());
            assertEquals(4, fc.sectorsKept() + fc.sectorsLost());
            assertTrue(fc.sectorsKept() >= 1 && fc.sectorsKept() <= 3, "proper non-empty subset: " + fc);
            byte[] after = io.contents("f");
            int keptSectors = 0;
            for (int s = 0; s < 4; s++) {
                int from = s * sector;
                int to = from + sector;
                boolean isNew = Arrays.equals(after, from, to, fresh, from, to);
                boolean isOld = Arrays.equals(after, from, to, old, from, to);
                assertTrue(isNew ^ isOld, "sector " + s + " is wholly old or wholly new");
                keptSectors += isNew ? 1 : 0;
            }
            assertEquals(fc.sectorsKept(), keptSectors);
            torn++;
        }
        assertEquals(40, torn);
    }

    @Test
    void tearOfAnUnalignedWriteKeepsWholeSectorPieces() {
        SimIO io = Sims.create(7, new LatencyProfile.Fixed(1), FaultConfig.none().withSectorSize(8));
        File f = io.open("f", true);
        byte[] data = Sims.bytes(20, 4); // bytes 5..24: sectors 0 (5..7), 1 (8..15), 2 (16..23), 3 (24)
        f.pwrite(5, data, Completion.write(null));
        Sims.drain(io);
        CrashReport r = io.crash(new CrashOptions(0, true));
        FileCrash fc = r.files().get(0);
        assertEquals(4, fc.sectorsKept() + fc.sectorsLost());
        byte[] after = io.contents("f");
        int[][] pieces = {{5, 8}, {8, 16}, {16, 24}, {24, 25}};
        int kept = 0;
        for (int[] p : pieces) {
            boolean present = after.length >= p[1] && Arrays.equals(after, p[0], p[1], data, p[0] - 5, p[1] - 5);
            if (present) {
                kept++;
            } else if (after.length >= p[1]) {
                for (int i = p[0]; i < p[1]; i++) {
                    assertEquals(0, after[i], "a lost piece reads as zeros");
                }
            }
        }
        assertEquals(fc.sectorsKept(), kept);
    }

    @Test
    void keepSubsetOverManySeedsKeepsSomeAndLosesSome() {
        long kept = 0;
        long lost = 0;
        for (long seed = 0; seed < 30; seed++) {
            SimIO io = Sims.create(seed, new LatencyProfile.Fixed(1), FaultConfig.none());
            File f = io.open("f", true);
            for (int i = 0; i < 10; i++) {
                f.pwrite(i * 512L, Sims.bytes(512, i), Completion.write(null));
            }
            Sims.drain(io);
            CrashReport r = io.crash(new CrashOptions(0.5, false));
            FileCrash fc = r.files().get(0);
            assertEquals(10, fc.writesKept() + fc.writesLost());
            byte[] after = io.contents("f");
            int present = 0;
            for (int i = 0; i < 10; i++) {
                int from = i * 512;
                if (after.length >= from + 512 && Arrays.equals(after, from, from + 512, Sims.bytes(512, i), 0, 512)) {
                    present++;
                }
            }
            assertEquals(fc.writesKept(), present);
            kept += fc.writesKept();
            lost += fc.writesLost();
        }
        assertTrue(kept > 50 && lost > 50, "kept " + kept + ", lost " + lost);
    }

    @Test
    void crashOptionsChecks() {
        assertEquals("keepProbability: 1.5 (expected: in [0, 1])",
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CrashOptions(1.5, false)).getMessage());
        assertEquals("keepProbability: NaN (expected: in [0, 1])",
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CrashOptions(Double.NaN, false)).getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
