package dev.whopper.sim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.io.CompletionKind;
import dev.whopper.core.random.SplitMix64;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LatencyProfileTest {
    private static final long MAX = LatencyProfile.MAX_LATENCY_NANOS;

    @Test
    void argumentChecks() {
        assertEquals("nanos: -1 (expected: in [0, 3600000000000])",
            assertThrows(IllegalArgumentException.class, () -> new LatencyProfile.Fixed(-1)).getMessage());
        assertEquals("nanos: 3600000000001 (expected: in [0, 3600000000000])",
            assertThrows(IllegalArgumentException.class, () -> new LatencyProfile.Fixed(MAX + 1)).getMessage());
        assertEquals("minNanos: -5 (expected: in [0, 3600000000000])",
            assertThrows(IllegalArgumentException.class, () -> new LatencyProfile.Uniform(-5, 10)).getMessage());
        assertEquals("maxNanos: 9 (expected: >= minNanos 10)",
            assertThrows(IllegalArgumentException.class, () -> new LatencyProfile.Uniform(10, 9)).getMessage());
        assertEquals("medianNanos: 0 (expected: in [1, 3600000000000])",
            assertThrows(IllegalArgumentException.class, () -> new LatencyProfile.LongTail(0, 0.1, 10)).getMessage());
        assertEquals("tailProbability: -0.1 (expected: in [0, 1])",
            assertThrows(IllegalArgumentException.class, () -> new LatencyProfile.LongTail(10, -0.1, 100)).getMessage());
        assertEquals("tailMaxNanos: 14 (expected: in [15, 3600000000000])",
            assertThrows(IllegalArgumentException.class, () -> new LatencyProfile.LongTail(10, 0.1, 14)).getMessage());
        assertEquals("sync", assertThrows(NullPointerException.class, () -> new LatencyProfile.PerKind(
            LatencyProfile.fast(), LatencyProfile.fast(), null, LatencyProfile.fast())).getMessage());
        assertEquals("kind: TIMER (expected: READ, WRITE, SYNC or TRUNCATE)",
            assertThrows(IllegalArgumentException.class, () -> LatencyProfile.ssd()
                .sampleNanos(CompletionKind.TIMER, new SplitMix64(1))).getMessage());
    }

    @Test
    void fixedDrawsNothing() {
        SplitMix64 a = new SplitMix64(5);
        assertEquals(77, new LatencyProfile.Fixed(77).sampleNanos(CompletionKind.READ, a));
        assertEquals(new SplitMix64(5).nextLong(), a.nextLong(), "the stream was not advanced");
    }

    @Property(tries = 200)
    void uniformStaysInBoundsAndHitsBothEnds(@ForAll long seed, @ForAll @LongRange(min = 0, max = 1_000) long min,
                                             @ForAll @LongRange(min = 0, max = 5) long width) {
        LatencyProfile p = new LatencyProfile.Uniform(min, min + width);
        SplitMix64 rng = new SplitMix64(seed);
        boolean[] seen = new boolean[(int) width + 1];
        for (int i = 0; i < 400; i++) {
            long v = p.sampleNanos(CompletionKind.WRITE, rng);
            assertTrue(v >= min && v <= min + width, "in bounds: " + v);
            seen[(int) (v - min)] = true;
        }
        for (boolean s : seen) {
            assertTrue(s, "every value of a small range occurs: " + Arrays.toString(seen));
        }
    }

    @Test
    void uniformHandlesTheWidestRange() {
        LatencyProfile p = new LatencyProfile.Uniform(0, MAX);
        SplitMix64 rng = new SplitMix64(9);
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long v = p.sampleNanos(CompletionKind.SYNC, rng);
            assertTrue(v >= 0 && v <= MAX);
            max = Math.max(max, v);
        }
        assertTrue(max > MAX / 2);
    }

    @Test
    void longTailHasItsBodyAroundTheMedianAndARareTail() {
        LatencyProfile.LongTail p = new LatencyProfile.LongTail(100_000, 0.05, 50_000_000);
        SplitMix64 rng = new SplitMix64(3);
        int n = 20_000;
        long[] v = new long[n];
        int tail = 0;
        for (int i = 0; i < n; i++) {
            v[i] = p.sampleNanos(CompletionKind.READ, rng);
            assertTrue(v[i] >= 50_000 && v[i] <= 50_000_000, "in bounds: " + v[i]);
            if (v[i] > 150_000) {
                tail++;
            }
        }
        Arrays.sort(v);
        long median = v[n / 2];
        assertTrue(median > 95_000 && median < 110_000, "median " + median);
        assertTrue(tail > 700 && tail < 1000, "about 5% tail draws above the body: " + tail);
        assertTrue(v[n - 1] > 10_000_000, "the tail reaches far: " + v[n - 1]);
    }

    @Test
    void perKindUsesTheKindsProfile() {
        LatencyProfile p = new LatencyProfile.PerKind(new LatencyProfile.Fixed(1), new LatencyProfile.Fixed(2),
            new LatencyProfile.Fixed(3), new LatencyProfile.Fixed(4));
        SplitMix64 rng = new SplitMix64(0);
        assertEquals(1, p.sampleNanos(CompletionKind.READ, rng));
        assertEquals(2, p.sampleNanos(CompletionKind.WRITE, rng));
        assertEquals(3, p.sampleNanos(CompletionKind.SYNC, rng));
        assertEquals(4, p.sampleNanos(CompletionKind.TRUNCATE, rng));
    }

    @Test
    void presetsAreOrderedBySpeed() {
        assertEquals(new LatencyProfile.Fixed(1_000), LatencyProfile.fast());
        assertTrue(mean(LatencyProfile.ssd(), CompletionKind.SYNC) > mean(LatencyProfile.ssd(), CompletionKind.WRITE));
        for (CompletionKind k : new CompletionKind[] {CompletionKind.READ, CompletionKind.WRITE, CompletionKind.SYNC,
            CompletionKind.TRUNCATE}) {
            assertTrue(mean(LatencyProfile.fast(), k) < mean(LatencyProfile.ssd(), k));
            assertTrue(mean(LatencyProfile.ssd(), k) * 10 < mean(LatencyProfile.hdd(), k), k.toString());
        }
    }

    private static double mean(LatencyProfile p, CompletionKind kind) {
        SplitMix64 rng = new SplitMix64(11);
        double sum = 0;
        for (int i = 0; i < 2_000; i++) {
            sum += p.sampleNanos(kind, rng);
        }
        return sum / 2_000;
    }
}
