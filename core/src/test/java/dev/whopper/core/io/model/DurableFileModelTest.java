package dev.whopper.core.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.IOFailureException;
import dev.whopper.core.random.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The durable-file model ({@link Volume}, {@link DurableFile}) against a reference written with plain byte
 * arrays: random writes, truncations, syncs, forgotten syncs and crashes of every rule. Unsynced data is
 * lost, or kept whole, or torn at sector granularity; synced data is always kept.
 */
class DurableFileModelTest {

    static final int SECTOR = 8;

    sealed interface Op permits Write, Truncate, Sync, Forget, Crash { }

    record Write(int offset, int length, byte value) implements Op { }

    record Truncate(int length) implements Op { }

    record Sync() implements Op { }

    record Forget() implements Op { }

    /** rule 0: drop unsynced; 1: keep sectors; 2: keep operations; 3: keep operations and tear one. */
    record Crash(int rule, double keep, long seed) implements Op { }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> write = Combinators.combine(Arbitraries.integers().between(0, 60),
            Arbitraries.integers().between(0, 30), Arbitraries.bytes()).as(Write::new);
        Arbitrary<Op> truncate = Arbitraries.integers().between(0, 80).map(Truncate::new);
        Arbitrary<Op> crash = Combinators.combine(Arbitraries.integers().between(0, 3),
            Arbitraries.of(0.0, 0.5, 1.0), Arbitraries.longs()).as(Crash::new);
        return Arbitraries.frequencyOf(
            Tuple.of(6, write),
            Tuple.of(1, truncate),
            Tuple.of(2, Arbitraries.just(new Sync())),
            Tuple.of(1, Arbitraries.just(new Forget())),
            Tuple.of(2, crash)).list().ofMaxSize(40);
    }

    /** The reference: exact-length arrays and a list of unsynced operations. */
    static final class Reference {
        byte[] visible = new byte[0];
        byte[] durable = new byte[0];
        final List<Op> unsynced = new ArrayList<>();

        static byte[] apply(byte[] image, Op op) {
            if (op instanceof Write w) {
                byte[] out = Arrays.copyOf(image, Math.max(image.length, w.offset() + w.length()));
                Arrays.fill(out, w.offset(), w.offset() + w.length(), w.value());
                return out;
            }
            return Arrays.copyOf(image, ((Truncate) op).length());
        }

        void change(Op op) {
            if (op instanceof Write w && w.length() == 0) {
                return;
            }
            visible = apply(visible, op);
            unsynced.add(op);
        }

        void sync() {
            for (Op op : unsynced) {
                durable = apply(durable, op);
            }
            unsynced.clear();
        }

        void settle() {
            unsynced.clear();
            visible = durable.clone();
        }
    }

    @Property(tries = 400)
    void theModelBehavesLikeTheReference(@ForAll("ops") List<Op> ops) {
        Volume volume = new Volume();
        DurableFile f = volume.open("f", true);
        Reference ref = new Reference();
        for (Op op : ops) {
            if (op instanceof Write w) {
                byte[] data = new byte[w.length()];
                Arrays.fill(data, w.value());
                f.write(w.offset(), data);
                ref.change(op);
            } else if (op instanceof Truncate t) {
                f.truncate(t.length());
                ref.change(op);
            } else if (op instanceof Sync) {
                f.sync();
                ref.sync();
            } else if (op instanceof Forget) {
                assertEquals(ref.unsynced.size(), f.forgetUnsynced());
                ref.unsynced.clear();
            } else {
                crash(volume, ref, (Crash) op);
            }
            assertArrayEquals(ref.visible, f.contents(), "volatile layer after " + op);
            assertArrayEquals(ref.durable, f.durableContents(), "durable layer after " + op);
            assertEquals(ref.visible.length, f.size());
            assertEquals(ref.unsynced.size(), f.unsyncedOperations());
        }
        volume.crashDroppingUnsynced();
        assertArrayEquals(ref.durable, f.contents(), "a crash keeps at least and at most the synced data");
    }

    private static void crash(Volume volume, Reference ref, Crash c) {
        SplitMix64 rng = new SplitMix64(c.seed());
        SplitMix64 same = new SplitMix64(c.seed());
        switch (c.rule()) {
            case 0 -> volume.crashDroppingUnsynced();
            case 1 -> {
                volume.crashKeepingSectors(rng, c.keep(), SECTOR);
                keepSectors(ref, same, c.keep());
            }
            case 2 -> {
                FileCrash fc = volume.crashKeepingOperations(rng, c.keep(), false, SECTOR).get(0);
                for (Op op : ref.unsynced) {
                    if (same.chance(c.keep())) {
                        ref.durable = Reference.apply(ref.durable, op);
                    }
                }
                assertEquals(0, fc.writesTorn());
            }
            default -> {
                byte[] before = ref.durable;
                List<FileCrash> fcs = volume.crashKeepingOperations(rng, 0.0, true, SECTOR);
                ref.durable = tornResult(volume.file("f").durableContents(), before, ref.unsynced, fcs.get(0));
            }
        }
        ref.settle();
    }

    /** The sector rule, on arrays: each differing sector of the volatile image survives with a draw. */
    private static void keepSectors(Reference ref, SplitMix64 rng, double keep) {
        byte[] out = ref.durable.clone();
        for (int start = 0; start < ref.visible.length; start += SECTOR) {
            int end = Math.min(ref.visible.length, start + SECTOR);
            boolean differs = end > ref.durable.length
                || !Arrays.equals(ref.visible, start, end, ref.durable, start, end);
            if (differs && rng.chance(keep)) {
                if (end > out.length) {
                    out = Arrays.copyOf(out, end);
                }
                System.arraycopy(ref.visible, start, out, start, end - start);
            }
        }
        ref.durable = out;
    }

    /**
     * Checks a keep-nothing-but-tear-one crash: with no multi-sector unsynced write the durable image is
     * unchanged; otherwise exactly one of them is torn: a non-empty proper subset of its sectors, each whole,
     * lies over the old durable image. Returns the model's result once checked.
     */
    private static byte[] tornResult(byte[] after, byte[] before, List<Op> unsynced, FileCrash fc) {
        List<Write> candidates = new ArrayList<>();
        for (Op op : unsynced) {
            if (op instanceof Write w && DurableFile.sectorCount(w.offset(), w.length(), SECTOR) >= 2) {
                candidates.add(w);
            }
        }
        if (candidates.isEmpty()) {
            assertArrayEquals(before, after, "nothing to tear: nothing unsynced survives");
            assertEquals(0, fc.writesTorn());
            return after;
        }
        assertEquals(1, fc.writesTorn());
        for (Write w : candidates) {
            if (isTearOf(w, before, after, fc.sectorsKept())) {
                return after;
            }
        }
        throw new AssertionError("no candidate explains the torn result " + Arrays.toString(after));
    }

    private static boolean isTearOf(Write w, byte[] before, byte[] after, long sectorsKept) {
        long sectors = DurableFile.sectorCount(w.offset(), w.length(), SECTOR);
        if (sectorsKept < 1 || sectorsKept >= sectors) {
            return false;
        }
        int first = w.offset() / SECTOR;
        int kept = 0;
        int expectedLength = before.length;
        for (int s = 0; s < sectors; s++) {
            int from = Math.max(w.offset(), (first + s) * SECTOR);
            int to = Math.min(w.offset() + w.length(), (first + s + 1) * SECTOR);
            boolean isNew = to <= after.length && allEqual(after, from, to, w.value());
            if (isNew) {
                kept++;
                expectedLength = Math.max(expectedLength, to);
            }
        }
        byte[] rebuilt = Arrays.copyOf(before, Math.max(before.length, expectedLength));
        for (int s = 0; s < sectors; s++) {
            int from = Math.max(w.offset(), (first + s) * SECTOR);
            int to = Math.min(w.offset() + w.length(), (first + s + 1) * SECTOR);
            if (to <= after.length && allEqual(after, from, to, w.value())) {
                Arrays.fill(rebuilt, from, to, w.value());
            }
        }
        // A sector whose old bytes already equal the new ones cannot be told apart: allow kept >= sectorsKept.
        return kept >= sectorsKept && Arrays.equals(rebuilt, after);
    }

    private static boolean allEqual(byte[] a, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (a[i] != value) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 200)
    void syncedDataSurvivesEveryCrashRule(@ForAll @IntRange(min = 0, max = 3) int rule, @ForAll long seed,
                                          @ForAll @IntRange(min = 1, max = 64) int length) {
        Volume volume = new Volume();
        DurableFile f = volume.open("f", true);
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) 7);
        f.write(0, data.clone());
        f.sync();
        f.truncate(0);
        f.write(3, new byte[] {1, 2, 3});
        SplitMix64 rng = new SplitMix64(seed);
        switch (rule) {
            case 0 -> volume.crashDroppingUnsynced();
            case 1 -> volume.crashKeepingSectors(rng, 0.0, SECTOR);
            case 2 -> volume.crashKeepingOperations(rng, 0.0, false, SECTOR);
            default -> volume.crashKeepingOperations(rng, 0.0, true, SECTOR);
        }
        assertArrayEquals(data, f.contents(), "keep probability 0: exactly the synced image");
        assertEquals(0, f.unsyncedOperations());
    }

    @Test
    void edgesAndArgumentChecks() {
        Volume volume = new Volume();
        assertThrows(IOFailureException.class, () -> volume.open("x", false));
        DurableFile f = volume.open("x", true);
        assertEquals(f, volume.open("x", false));
        f.write(4, new byte[0]);
        assertEquals(0, f.size(), "an empty write changes nothing");
        assertEquals(0, f.unsyncedOperations());
        f.write(2, new byte[] {1});
        assertArrayEquals(new byte[] {0, 0, 1}, f.contents(), "a gap reads as zeros");
        f.flipBit(2, 1);
        f.sync();
        assertArrayEquals(new byte[] {0, 0, 3}, f.durableContents(), "a flipped bit survives a later sync");
        f.flipBit(0, 7);
        volume.crashDroppingUnsynced();
        assertArrayEquals(new byte[] {(byte) 0x80, 0, 3}, f.contents(), "bit rot reaches the durable layer");
        assertEquals("offset: -1 (expected: >= 0)",
            assertThrows(IllegalArgumentException.class, () -> f.write(-1, new byte[1])).getMessage());
        assertEquals("length: -1 (expected: >= 0)",
            assertThrows(IllegalArgumentException.class, () -> f.truncate(-1)).getMessage());
        assertEquals("offset + length: " + (DurableFile.MAX_BYTES + 1) + " (expected: <= " + DurableFile.MAX_BYTES + ")",
            assertThrows(IllegalArgumentException.class, () -> f.write(DurableFile.MAX_BYTES, new byte[1])).getMessage());
        assertEquals("offset: 3 (expected: in [0, 3))",
            assertThrows(IllegalArgumentException.class, () -> f.flipBit(3, 0)).getMessage());
        assertEquals("bit: 8 (expected: in [0, 7])",
            assertThrows(IllegalArgumentException.class, () -> f.flipBit(0, 8)).getMessage());
        assertEquals("sectorSize: 0 (expected: > 0)",
            assertThrows(IllegalArgumentException.class, () -> volume.crashKeepingSectors(null, 0.5, 0)).getMessage());
        volume.delete("x");
        assertTrue(volume.paths().isEmpty());
        f.write(0, new byte[] {9});
        volume.crashDroppingUnsynced();
        assertEquals(9, f.contents()[0], "an unlinked file is out of the volume's crashes");
    }
}
