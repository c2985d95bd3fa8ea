package dev.whopper.sim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whopper.core.io.RandomSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class XoshiroNextIntTest {
    /** The interface's default nextInt over the same generator: the reference the override must match. */
    private static RandomSource viaDefault(long seed) {
        Xoshiro256StarStar x = new Xoshiro256StarStar(seed);
        return x::nextLong;
    }

    @Property(tries = 200)
    void overrideDrawsExactlyWhatTheDefaultDraws(@ForAll long seed, @ForAll @IntRange(min = 1) int bound) {
        Xoshiro256StarStar fast = new Xoshiro256StarStar(seed);
        RandomSource reference = viaDefault(seed);
        for (int i = 0; i < 50; i++) {
            assertEquals(reference.nextInt(bound), fast.nextInt(bound));
        }
        assertEquals(reference.nextLong(), fast.nextLong()); // consumed the same number of words
    }

    @Test
    void largeBoundsThatRejectOftenStillMatch() {
        int bound = (1 << 30) + 1; // about one draw in four is rejected
        Xoshiro256StarStar fast = new Xoshiro256StarStar(9);
        RandomSource reference = viaDefault(9);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(reference.nextInt(bound), fast.nextInt(bound));
        }
    }

    @Test
    void rejectsANonPositiveBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Xoshiro256StarStar(1).nextInt(0));
        assertEquals("bound: 0 (expected: > 0)", e.getMessage());
    }
}
