package dev.whopper.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whopper.core.random.SplitMix64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link RandomSource}'s derived draws over {@link SplitMix64}, and {@link YieldInjector#NONE}. */
class RandomSourceTest {

    @Test
    void splitMix64MatchesTheReferenceOutput() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Property(tries = 200)
    void nextIntStaysInItsBound(@ForAll long seed, @ForAll @IntRange(min = 1) int bound) {
        SplitMix64 r = new SplitMix64(seed);
        for (int i = 0; i < 20; i++) {
            int v = r.nextInt(bound);
            assertTrue(v >= 0 && v < bound, v + " not in [0, " + bound + ")");
        }
    }

    @Test
    void nextIntCoversSmallRangesEvenly() {
        SplitMix64 r = new SplitMix64(99);
        int[] counts = new int[6];
        for (int i = 0; i < 60_000; i++) {
            counts[r.nextInt(6)]++;
        }
        for (int c : counts) {
            assertTrue(c > 9_000 && c < 11_000, "count " + c);
        }
    }

    @Test
    void nextIntRejectsBadBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SplitMix64(1).nextInt(0));
        assertEquals("bound: 0 (expected: > 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SplitMix64(1).nextInt(-5));
    }

    @Test
    void nextDoubleAndChance() {
        SplitMix64 r = new SplitMix64(5);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
            assertFalse(r.chance(0.0));
            assertTrue(r.chance(1.0));
            hits += r.chance(0.25) ? 1 : 0;
        }
        assertTrue(hits > 2_200 && hits < 2_800, "hits " + hits);
    }

    @Test
    void sameSeedSameStream() {
        SplitMix64 a = new SplitMix64(-17);
        SplitMix64 b = new SplitMix64(-17);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void noneNeverYields() {
        YieldPoint p = () -> "anywhere";
        assertFalse(YieldInjector.NONE.shouldYield(p));
        assertEquals("anywhere", p.name());
    }
}
