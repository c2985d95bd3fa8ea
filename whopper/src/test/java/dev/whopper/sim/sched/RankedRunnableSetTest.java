package dev.whopper.sim.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The ranked runnable set (bitset and Fenwick tree) against a brute-force recomputation: after every update
 * its count, the id {@link RunnableSet#id} gives at each index (select, before anything is materialized) and
 * the materialized array are those of an ascending scan of every fiber, so an index a strategy picks maps to
 * the same fiber as in the sorted array.
 */
class RankedRunnableSetTest {
    /** Random membership changes, touched (plus spurious touches), applied or rebuilt at random points. */
    @Property(tries = 300)
    void selectAndTheMaterializedArrayAreTheAscendingScan(
            @ForAll @IntRange(min = 1, max = 3000) int fibers, @ForAll long seed) {
        Random random = new Random(seed);
        boolean[] member = new boolean[fibers];
        RunnableSet set = new RunnableSet(fibers, true);
        for (int round = 0; round < 60; round++) {
            int changes = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(fibers + 1);
                case 1 -> fibers; // toward every fiber runnable: the identity shortcut
                default -> random.nextInt(3);
            };
            boolean fill = random.nextInt(8) == 0;
            for (int c = 0; c < changes; c++) {
                int id = fill ? c % fibers : random.nextInt(fibers);
                if (fill) {
                    member[id] = true;
                } else if (random.nextInt(4) != 0) {
                    member[id] = !member[id];
                }
                set.touch(id); // a touch need not change anything
            }
            if (set.wantsRebuild() && random.nextBoolean()) {
                set.rebuild(id -> member[id]);
            } else {
                set.apply(id -> member[id]); // also when many were touched: a ranked apply is O(touched log n)
            }
            int[] expected = IntStream.range(0, fibers).filter(id -> member[id]).toArray();
            assertEquals(expected.length, set.count(), "round " + round);
            for (int index = 0; index < expected.length; index++) {
                assertEquals(expected[index], set.id(index), "round " + round + ", index " + index);
            }
            if (random.nextBoolean()) {
                assertArrayEquals(expected, Arrays.copyOf(set.ids(), set.count()), "round " + round);
                for (int index = 0; index < expected.length; index++) {
                    assertEquals(expected[index], set.id(index), "round " + round + ", index " + index);
                }
            }
        }
    }

    /**
     * Sets of the sizes the many-fibers benchmark runs (a Fenwick descent of 9 to 13 levels): select at sampled
     * indices, the first and the last, against the ascending scan.
     */
    @Property(tries = 12)
    void selectIsTheAscendingScanWithSeveralLevels(
            @ForAll @IntRange(min = 16_000, max = 300_000) int fibers, @ForAll long seed) {
        Random random = new Random(seed);
        boolean[] member = new boolean[fibers];
        RunnableSet set = new RunnableSet(fibers, true);
        for (int round = 0; round < 8; round++) {
            double density = random.nextDouble();
            int changes = round == 0 ? fibers : random.nextInt(1 + fibers / 10);
            for (int c = 0; c < changes; c++) {
                int id = round == 0 ? c : random.nextInt(fibers);
                member[id] = random.nextDouble() < density;
                set.touch(id);
            }
            if (set.wantsRebuild() && random.nextBoolean()) {
                set.rebuild(id -> member[id]);
            } else {
                set.apply(id -> member[id]);
            }
            int[] expected = IntStream.range(0, fibers).filter(id -> member[id]).toArray();
            assertEquals(expected.length, set.count(), "round " + round);
            if (expected.length == 0) {
                continue;
            }
            assertEquals(expected[0], set.id(0), "round " + round + ", the first");
            assertEquals(expected[expected.length - 1], set.id(expected.length - 1), "round " + round + ", the last");
            for (int k = 0; k < 2_000; k++) {
                int index = random.nextInt(expected.length);
                assertEquals(expected[index], set.id(index), "round " + round + ", index " + index);
            }
        }
    }

    /**
     * {@link RunnableSet#idsAt}, what a block draw right after a change uses: the array is right at the given
     * indices (and a full materialization afterwards is still the ascending scan), with no pass over the set.
     */
    @Property(tries = 200)
    void idsAtMakesTheArrayRightAtThoseIndicesOnly(
            @ForAll @IntRange(min = 2, max = 5_000) int fibers, @ForAll long seed) {
        Random random = new Random(seed);
        boolean[] member = new boolean[fibers];
        RunnableSet set = new RunnableSet(fibers, true);
        for (int round = 0; round < 20; round++) {
            int changes = round == 0 ? fibers : random.nextInt(1 + fibers / 8);
            for (int c = 0; c < changes; c++) {
                int id = round == 0 ? c : random.nextInt(fibers);
                member[id] = random.nextInt(5) != 0;
                set.touch(id);
            }
            set.apply(id -> member[id]);
            int[] expected = IntStream.range(0, fibers).filter(id -> member[id]).toArray();
            if (expected.length == 0) {
                continue;
            }
            int[] indices = new int[1 + random.nextInt(256)];
            for (int k = 0; k < indices.length; k++) {
                indices[k] = random.nextInt(expected.length);
            }
            long passes = set.materializations();
            int[] ids = set.idsAt(indices, indices.length);
            assertEquals(passes, set.materializations(), "no materialization");
            for (int index : indices) {
                assertEquals(expected[index], ids[index], "round " + round + ", index " + index);
            }
            if (random.nextBoolean()) {
                assertArrayEquals(expected, Arrays.copyOf(set.ids(), set.count()), "round " + round);
            }
        }
    }
}
