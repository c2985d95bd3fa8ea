package dev.whopper.sim.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.random.Xoshiro256StarStar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyTest {
    static final class View implements SchedulerView {
        long step;
        int last = -1;
        final int fibers;

        View(int fibers) {
            this.fibers = fibers;
        }

        @Override public long step() { return step; }
        @Override public long nowNanos() { return step * 1000; }
        @Override public int fiberCount() { return fibers; }
        @Override public int lastFiber() { return last; }
        @Override public long maxSteps() { return 100; }
    }

    /** @return a random non-empty ascending subset of {@code 0 .. fibers-1}, every fiber one time in three */
    static int[] someRunnable(Xoshiro256StarStar r, int fibers) {
        int[] runnable = new int[fibers];
        int count = 0;
        boolean all = r.nextInt(3) == 0;
        for (int id = 0; id < fibers; id++) {
            if (all || r.nextInt(2) == 0) {
                runnable[count++] = id;
            }
        }
        if (count == 0) {
            runnable[count++] = fibers - 1;
        }
        return java.util.Arrays.copyOf(runnable, count);
    }

    @Test
    void roundRobinCyclesThroughRunnableFibers() {
        RoundRobinStrategy rr = new RoundRobinStrategy();
        View v = new View(4);
        int[] runnable = {0, 2, 3};
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            int f = runnable[rr.pick(runnable, 3, v)];
            order.append(f);
            v.last = f;
        }
        assertEquals("023023", order.toString());
    }

    @net.jqwik.api.Property(tries = 200)
    void roundRobinFastPathsAgreeWithALinearScan(@net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 70) int fibers,
                                                @net.jqwik.api.ForAll long seed) {
        Xoshiro256StarStar r = new Xoshiro256StarStar(seed);
        int[] runnable = someRunnable(r, fibers);
        int count = runnable.length;
        for (int last = -1; last < fibers; last++) {
            int expected = 0;
            for (int i = 0; i < count; i++) {
                if (runnable[i] > last) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, RoundRobinStrategy.after(runnable, count, last, fibers), "last " + last);
        }
    }

    @Test
    void pctRunsTheHighestPriorityFiberUntilAChangePoint() {
        PctStrategy pct = new PctStrategy(new Xoshiro256StarStar(3), 2, 3, 10);
        View v = new View(3);
        int[] runnable = {0, 1, 2};
        int first = pct.pick(runnable, 3, v);
        int switches = 0;
        int prev = first;
        for (v.step = 1; v.step < 10; v.step++) {
            int f = pct.pick(runnable, 3, v);
            if (f != prev) {
                switches++;
            }
            prev = f;
        }
        assertTrue(switches <= 1, "depth 2 has one change point, saw " + switches + " switches");
        assertEquals("pct:2", pct.name());
    }

    @Test
    void posRedrawsThePriorityOfTheFiberThatRan() {
        PosStrategy pos = new PosStrategy(new Xoshiro256StarStar(5), 3);
        View v = new View(3);
        int[] runnable = {0, 1, 2};
        boolean[] ran = new boolean[3];
        for (int i = 0; i < 50; i++) {
            ran[pos.pick(runnable, 3, v)] = true;
        }
        assertTrue(ran[0] && ran[1] && ran[2]);
    }

    @Test
    void specsParseAndRejectWithOneLine() {
        assertEquals("pct:5", StrategySpec.parse("pct:5").toString());
        assertEquals("pct:3", StrategySpec.parse("PCT").toString());
        assertEquals("rr", StrategySpec.parse("round-robin").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StrategySpec.parse("pct:0"));
        assertEquals("pct:0 (expected: random, rr, pct, pct:D with D in 1..64, pos, swarm or replay)", e.getMessage());
    }

    @Test
    void swarmDrawsDifferentConfigurationsPerSeed() {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (long seed = 0; seed < 40; seed++) {
            SwarmStrategy.Draw d = SwarmStrategy.draw(new Xoshiro256StarStar(seed), 0.5);
            assertTrue(d.yieldRate() >= 0 && d.yieldRate() <= 0.5);
            assertTrue(d.faultScale() >= 0 && d.faultScale() <= 1);
            seen.add(d.strategy().toString());
        }
        assertTrue(seen.size() >= 4, seen.toString());
    }

    @net.jqwik.api.Property(tries = 200)
    void roundRobinsBlockIsItsPicksOneStepAtATime(@net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 2, max = 70) int fibers,
                                                 @net.jqwik.api.ForAll long seed) {
        Xoshiro256StarStar r = new Xoshiro256StarStar(seed);
        int[] runnable = someRunnable(r, fibers);
        if (runnable.length < 2) {
            runnable = new int[] {0, fibers - 1};
        }
        int count = runnable.length;
        RoundRobinStrategy rr = new RoundRobinStrategy();
        View v = new View(fibers);
        v.last = r.nextInt(fibers + 1) - 1;
        int size = 4 << r.nextInt(7);
        int[] picks = new int[BlockPicker.MAX_BLOCK];
        assertEquals(size, rr.blockPicker().fill(runnable, count, v, picks, size));
        for (int k = 0; k < size; k++) {
            int expected = rr.pick(runnable, count, v);
            assertEquals(expected, picks[k], "pick " + k);
            v.last = runnable[expected];
        }
    }

    /**
     * The random block is Lemire's method on the generator's outputs: four 16-bit quarters per output up to
     * 256 runnable fibers, two 32-bit halves above, the block ending at the first part that might be
     * rejected; checked against a twin generator.
     */
    @ParameterizedTest
    @CsvSource({"2, 1", "8, 2", "256, 3", "257, 4", "300, 5", "1000, 6"})
    void randomsBlockSplitsEachOutputWithLemire(int count, long seed) {
        RandomStrategy random = new RandomStrategy(new Xoshiro256StarStar(seed));
        Xoshiro256StarStar twin = new Xoshiro256StarStar(seed);
        int[] runnable = new int[count];
        for (int i = 0; i < count; i++) {
            runnable[i] = i;
        }
        int[] picks = new int[BlockPicker.MAX_BLOCK];
        for (int block = 0; block < 50; block++) {
            int size = BlockPicker.MAX_BLOCK >> (block % 7);
            int k = random.blockPicker().fill(runnable, count, new View(count), picks, size);
            int[] expected = new int[size];
            int n = 0;
            long[] outputs = new long[count <= 256 ? size / 4 : size / 2];
            for (int j = 0; j < outputs.length; j++) {
                outputs[j] = twin.nextLong(); // every output behind a block is drawn, used or not
            }
            draw:
            for (long draw : outputs) {
                if (count <= 256) {
                    for (int shift = 48; shift >= 0; shift -= 16) {
                        long m = ((draw >>> shift) & 0xFFFF) * count;
                        if ((m & 0xFFFF) < count) {
                            break draw;
                        }
                        expected[n++] = (int) (m >>> 16);
                    }
                } else {
                    long high = (draw >>> 32) * count;
                    long low = (draw & 0xFFFF_FFFFL) * count;
                    if ((high & 0xFFFF_FFFFL) < count || (low & 0xFFFF_FFFFL) < count) {
                        break; // both halves or neither
                    }
                    expected[n++] = (int) (high >>> 32);
                    expected[n++] = (int) (low >>> 32);
                }
            }
            if (n == 0) {
                expected[n++] = twin.nextInt(count);
            }
            assertEquals(n, k, "block " + block);
            assertArrayEquals(java.util.Arrays.copyOf(expected, n), java.util.Arrays.copyOf(picks, k), "block " + block);
        }
    }

    @Test
    void onlyRandomOverTheSimulatorsGeneratorAndRoundRobinHaveBlocksAndSwarmPassesItsOnOn() {
        RandomStrategy random = new RandomStrategy(new Xoshiro256StarStar(1));
        RoundRobinStrategy rr = new RoundRobinStrategy();
        assertSame(random, random.blockPicker());
        assertSame(rr, rr.blockPicker());
        assertNull(new RandomStrategy(() -> 0L).blockPicker(), "another source: one pick per step");
        assertNull(new PctStrategy(new Xoshiro256StarStar(1), 2, 3, 10).blockPicker());
        assertNull(new PosStrategy(new Xoshiro256StarStar(1), 3).blockPicker());
        SwarmStrategy.Draw draw = SwarmStrategy.draw(new Xoshiro256StarStar(1), 0.5);
        assertSame(rr, new SwarmStrategy(draw, rr).blockPicker());
        assertSame(random, new SwarmStrategy(draw, random).blockPicker());
        assertNull(new SwarmStrategy(draw, new PosStrategy(new Xoshiro256StarStar(1), 3)).blockPicker());
    }
}
