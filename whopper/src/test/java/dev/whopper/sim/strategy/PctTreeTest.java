package dev.whopper.sim.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.sim.random.Xoshiro256StarStar;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * PCT, POS and round-robin told of the runnable set's changes (tournament trees of the fibers' priorities, O(log n) a
 * pick) against the same strategies scanning the array they are passed (the way they picked before): the
 * same pick at every step, through yields, change points and runnable sets that change between picks. The
 * tree itself against a scan.
 */
class PctTreeTest {
    /** A view with a sorted runnable array, as a scheduler's: {@code runnableIndex} by binary search. */
    private static final class View implements SchedulerView {
        long step;
        int last = -1;
        boolean yielded;
        int[] runnable = new int[0];

        @Override public long step() { return step; }
        @Override public long nowNanos() { return step * 1000; }
        @Override public int fiberCount() { return 0; }
        @Override public int lastFiber() { return last; }
        @Override public long maxSteps() { return 1000; }
        @Override public boolean lastStepYielded() { return yielded; }

        @Override
        public int runnableIndex(int fiber) {
            int at = Arrays.binarySearch(runnable, fiber);
            if (at < 0) {
                throw new IllegalStateException("fiber " + fiber + " is not runnable");
            }
            return at;
        }

        @Override
        public int runnableBelow(int fiber) {
            int at = Arrays.binarySearch(runnable, fiber);
            return at >= 0 ? at : -at - 1;
        }
    }

    @Property(tries = 300)
    void toldOfChangesItPicksWhatAScanPicks(@ForAll @IntRange(min = 2, max = 300) int fibers,
                                            @ForAll @IntRange(min = 1, max = 4) int depth, @ForAll long seed) {
        samePicks(new PctStrategy(new Xoshiro256StarStar(seed), depth, fibers, 400),
            new PctStrategy(new Xoshiro256StarStar(seed), depth, fibers, 400), fibers, seed);
    }

    @Property(tries = 300)
    void posToldOfChangesPicksWhatAScanPicks(@ForAll @IntRange(min = 1, max = 300) int fibers, @ForAll long seed) {
        samePicks(new PosStrategy(new Xoshiro256StarStar(seed), fibers), new PosStrategy(new Xoshiro256StarStar(seed), fibers),
            fibers, seed);
    }

    @Property(tries = 200)
    void roundRobinToldOfChangesPicksWhatItsScanPicks(@ForAll @IntRange(min = 1, max = 300) int fibers, @ForAll long seed) {
        samePicks(new RoundRobinStrategy(), new RoundRobinStrategy(), fibers, seed);
    }

    /** Drives {@code told} (told of every change) and {@code scanning} (passed the array only) alike. */
    private static void samePicks(Strategy told, Strategy scanning, int fibers, long seed) {
        Xoshiro256StarStar random = new Xoshiro256StarStar(seed ^ 0x5DEECE66DL);
        boolean[] member = new boolean[fibers];
        for (int id = 0; id < fibers; id++) {
            member[id] = random.nextInt(3) != 0;
            told.runnableChanged(id, member[id]); // as a rebuild tells every fiber
        }
        View view = new View();
        for (long step = 0; step < 400; step++) {
            int changes = random.nextInt(4) == 0 ? random.nextInt(fibers) : random.nextInt(3);
            for (int c = 0; c < changes; c++) {
                int id = random.nextInt(fibers);
                if (member[id] != (member[id] = random.nextInt(2) == 0)) {
                    told.runnableChanged(id, member[id]);
                }
            }
            int[] runnable = java.util.stream.IntStream.range(0, fibers).filter(id -> member[id]).toArray();
            if (runnable.length < 2) {
                continue; // the scheduler asks a strategy only to choose among two or more
            }
            view.step = step;
            view.runnable = runnable;
            int expected = scanning.pick(runnable.clone(), runnable.length, view);
            int[] stale = new int[fibers]; // told of changes, PCT must not read the array
            assertEquals(expected, told.pick(stale, runnable.length, view), "step " + step);
            view.last = runnable[expected];
            view.yielded = random.nextInt(3) == 0;
        }
    }

    @Property(tries = 200)
    void theTreeGivesTheLargestKeyAndTheLowestIdOnATie(@ForAll @IntRange(min = 1, max = 200) int n, @ForAll long seed) {
        Xoshiro256StarStar random = new Xoshiro256StarStar(seed);
        MaxTree tree = new MaxTree(n);
        long[] keys = new long[n];
        Arrays.fill(keys, MaxTree.ABSENT);
        assertEquals(-1, tree.max());
        for (int round = 0; round < 300; round++) {
            int id = random.nextInt(n);
            keys[id] = random.nextInt(4) == 0 ? MaxTree.ABSENT : random.nextInt(8) - 4; // many ties
            tree.set(id, keys[id]);
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (keys[i] != MaxTree.ABSENT && (best < 0 || keys[i] > keys[best])) {
                    best = i;
                }
            }
            assertEquals(best, tree.max(), "round " + round);
            assertEquals(keys[id], tree.key(id));
        }
    }

    @Test
    void aTreeOfNoIdsIsRefused() {
        assertEquals("n: 0 (expected: > 0)", assertThrows(IllegalArgumentException.class, () -> new MaxTree(0)).getMessage());
    }
}
