package dev.whopper.sim.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.sim.random.Xoshiro256StarStar;
import org.junit.jupiter.api.Test;

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
}
