package dev.whopper.workloads.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.Clock;
import dev.whopper.core.io.Completion;
import dev.whopper.core.io.IO;
import dev.whopper.core.io.RandomSource;
import dev.whopper.core.io.YieldInjector;
import dev.whopper.core.random.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class WeightedMixTest {
    /** A fiber whose weights are given, drawing from a seeded stream. */
    private record Fiber(RandomSource random, double... weights) implements FiberContext {
        @Override
        public int id() {
            return 0;
        }

        @Override
        public YieldInjector yields() {
            return YieldInjector.NONE;
        }

        @Override
        public Clock clock() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Completion sleep(long nanos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IO io() {
            return null;
        }

        @Override
        public double workloadWeight(int index) {
            return index < weights.length ? weights[index] : 1.0;
        }
    }

    @Property(tries = 50)
    void unscaledItDrawsExactlyWhatOneRollOutOf100WouldDraw(@ForAll long seed) {
        WeightedMix mix = new WeightedMix(55, 20, 20, 5);
        RandomSource a = new SplitMix64(seed);
        RandomSource b = new SplitMix64(seed);
        Fiber fiber = new Fiber(a);
        for (int i = 0; i < 200; i++) {
            int roll = b.nextInt(100);
            int expected = roll < 55 ? 0 : roll < 75 ? 1 : roll < 95 ? 2 : 3;
            assertEquals(expected, mix.pick(fiber));
        }
    }

    @Test
    void scaledItFollowsTheScaledWeightsAndNeverDrawsAKindScaledToZero() {
        WeightedMix mix = new WeightedMix(55, 20, 20, 5);
        Fiber fiber = new Fiber(new SplitMix64(7), 0.0, 0.5, 1.0, 0.37);
        int[] counts = new int[4];
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            counts[mix.pick(fiber)]++;
        }
        assertEquals(0, counts[0], "a kind scaled to 0 is never drawn");
        double total = 10 + 20 + 1.85;
        assertEquals(10 / total, counts[1] / (double) draws, 0.01);
        assertEquals(20 / total, counts[2] / (double) draws, 0.01);
        assertEquals(1.85 / total, counts[3] / (double) draws, 0.01);
    }

    @Test
    void everyKindScaledToZeroFallsBackToTheBaseMix() {
        WeightedMix mix = new WeightedMix(1, 1);
        Fiber fiber = new Fiber(new SplitMix64(3), 0.0, 0.0);
        int[] counts = new int[2];
        for (int i = 0; i < 10_000; i++) {
            counts[mix.pick(fiber)]++;
        }
        assertTrue(counts[0] > 4_500 && counts[1] > 4_500, counts[0] + " / " + counts[1]);
    }

    @Test
    void rejectsAnEmptyNegativeOrAllZeroBase() {
        assertEquals("base: 0 weights (expected: 1..8)",
            assertThrows(IllegalArgumentException.class, WeightedMix::new).getMessage());
        assertEquals("base: [1, -1] (expected: every weight >= 0)",
            assertThrows(IllegalArgumentException.class, () -> new WeightedMix(1, -1)).getMessage());
        assertEquals("base: [0, 0] (expected: a sum in 1..21474836)",
            assertThrows(IllegalArgumentException.class, () -> new WeightedMix(0, 0)).getMessage());
    }
}
