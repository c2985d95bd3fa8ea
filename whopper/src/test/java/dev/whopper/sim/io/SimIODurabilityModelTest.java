package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Completion;
import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.io.ErrorCode;
import dev.whopper.core.io.File;
import dev.whopper.core.io.model.FileCrash;
import dev.whopper.sim.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The volatile/durable model against random scripts: right after a successful sync of a file its durable
 * image equals its volatile image; a crash that keeps nothing restores exactly the last synced images; a
 * crash that keeps everything changes nothing; a torn crash leaves each sector old or new.
 */
class SimIODurabilityModelTest {

    /** Runs a script on a fault-free SimIO; returns it with everything fired, recording synced images. */
    private static SimIO runScript(long seed, List<SimIODeterminismTest.Op> ops, TreeMap<String, byte[]> lastSynced) {
        SimIO io = Sims.create(seed, LatencyProfile.ssd(), FaultConfig.none().withSectorSize(64));
        VirtualClock clock = (VirtualClock) io.clock();
        io.setListener(new SimIOListener() {
            @Override
            public void onCompletion(long t, String p, CompletionKind k, long o, long l, int r, ErrorCode e) {
                if (k == CompletionKind.SYNC && e == null) {
                    assertArrayEquals(io.contents(p), io.durableContents(p), "durable == volatile right after a sync");
                    assertEquals(0, io.unsyncedOperations(p));
                    lastSynced.put(p, io.contents(p));
                }
            }
        });
        File[] files = {io.open("a", true), io.open("b", true), io.open("c", true)};
        for (String p : io.paths()) {
            lastSynced.put(p, new byte[0]);
        }
        int n = 0;
        for (SimIODeterminismTest.Op op : ops) {
            File f = files[op.file()];
            switch (op.kind()) {
                case 0, 1, 2 -> f.pwrite(op.offset(), Sims.bytes(op.length(), n++), Completion.write(null));
                case 3, 4 -> f.sync(Completion.sync(null));
                case 5 -> f.truncate(op.offset(), Completion.truncate(null));
                default -> f.pwritev(op.offset(), List.of(Sims.bytes(op.length() / 2, n++), Sims.bytes(7, n++)),
                    Completion.write(null));
            }
            clock.advanceBy(op.advanceNanos());
            io.fireDue();
        }
        Sims.drain(io);
        return io;
    }

    @Property(tries = 100)
    void crashKeepingNothingRestoresTheLastSyncedImages(@ForAll long seed,
                                                        @ForAll("ops") List<SimIODeterminismTest.Op> ops) {
        TreeMap<String, byte[]> lastSynced = new TreeMap<>();
        SimIO io = runScript(seed, ops, lastSynced);
        for (String p : io.paths()) {
            assertArrayEquals(lastSynced.get(p), io.durableContents(p));
        }
        io.crash(CrashOptions.dropUnsynced());
        for (String p : io.paths()) {
            assertArrayEquals(lastSynced.get(p), io.contents(p), p);
            assertEquals(0, io.unsyncedOperations(p));
        }
    }

    @Property(tries = 100)
    void crashKeepingEverythingChangesNothing(@ForAll long seed, @ForAll("ops") List<SimIODeterminismTest.Op> ops) {
        SimIO io = runScript(seed, ops, new TreeMap<>());
        TreeMap<String, byte[]> before = new TreeMap<>();
        for (String p : io.paths()) {
            before.put(p, io.contents(p));
        }
        CrashReport r = io.crash(new CrashOptions(1.0, false));
        for (FileCrash fc : r.files()) {
            assertEquals(0, fc.writesLost() + fc.writesTorn() + fc.truncatesLost());
            assertArrayEquals(before.get(fc.path()), io.contents(fc.path()));
            assertArrayEquals(before.get(fc.path()), io.durableContents(fc.path()));
            assertEquals(fc.lengthBefore(), fc.lengthAfter());
        }
    }

    @Property(tries = 100)
    void noByteAfterACrashComesFromNowhere(@ForAll long seed, @ForAll("writesAndSyncs") List<SimIODeterminismTest.Op> ops) {
        SimIO io = Sims.create(seed, LatencyProfile.ssd(), FaultConfig.none().withSectorSize(64));
        VirtualClock clock = (VirtualClock) io.clock();
        List<long[]> writes = new ArrayList<>();
        List<byte[]> writeData = new ArrayList<>();
        io.setListener((t, p, k, o, l, r, e) -> {
            if (k == CompletionKind.WRITE && e == null && l > 0) {
                writes.add(new long[] {o, l});
                writeData.add(Arrays.copyOfRange(io.contents(p), (int) o, (int) (o + l)));
            }
        });
        File f = io.open("a", true);
        int n = 0;
        for (SimIODeterminismTest.Op op : ops) {
            if (op.kind() == 0) {
                f.pwrite(op.offset(), Sims.bytes(op.length(), n++), Completion.write(null));
            } else {
                f.sync(Completion.sync(null));
            }
            clock.advanceBy(op.advanceNanos());
            io.fireDue();
        }
        Sims.drain(io);
        byte[] durable = io.durableContents("a");
        long maxEnd = durable.length;
        for (long[] w : writes) {
            maxEnd = Math.max(maxEnd, w[0] + w[1]);
        }
        CrashReport r = io.crash(CrashOptions.keepSomeAndTear());
        byte[] after = io.contents("a");
        assertTrue(after.length >= durable.length && after.length <= maxEnd, "length " + after.length);
        FileCrash fc = r.files().get(0);
        assertEquals(fc.lengthAfter(), after.length);
        for (int i = 0; i < after.length; i++) {
            boolean explained = i < durable.length ? after[i] == durable[i] : after[i] == 0;
            for (int w = 0; w < writes.size() && !explained; w++) {
                long off = writes.get(w)[0];
                explained = i >= off && i < off + writes.get(w)[1] && writeData.get(w)[(int) (i - off)] == after[i];
            }
            assertTrue(explained, "byte " + i + " = " + after[i] + " is neither durable nor from a completed write");
        }
    }

    @Provide
    Arbitrary<List<SimIODeterminismTest.Op>> ops() {
        return new SimIODeterminismTest().ops();
    }

    @Provide
    Arbitrary<List<SimIODeterminismTest.Op>> writesAndSyncs() {
        return Combinators.combine(
            Arbitraries.integers().between(0, 5).map(k -> k == 5 ? 3 : 0),
            Arbitraries.integers().between(0, 4_000),
            Arbitraries.integers().between(1, 700),
            Arbitraries.integers().between(0, 200_000))
            .as((kind, off, len, adv) -> new SimIODeterminismTest.Op(kind, 0, off, len, adv))
            .list().ofMinSize(1).ofMaxSize(30);
    }
}
