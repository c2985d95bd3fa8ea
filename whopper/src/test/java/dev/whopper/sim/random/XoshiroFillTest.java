package dev.whopper.sim.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link Xoshiro256StarStar#fill} draws exactly what as many {@code nextLong()} calls would, in order. */
class XoshiroFillTest {
    @Property(tries = 200)
    void fillIsTheSameStreamAsNextLong(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int count) {
        Xoshiro256StarStar filled = new Xoshiro256StarStar(seed);
        Xoshiro256StarStar stepped = new Xoshiro256StarStar(seed);
        long[] out = new long[count + 3];
        filled.fill(out, count);
        long[] expected = new long[count + 3];
        for (int i = 0; i < count; i++) {
            expected[i] = stepped.nextLong();
        }
        assertArrayEquals(expected, out); // and nothing past count is written
        assertEquals(stepped.nextLong(), filled.nextLong(), "the state moved on by exactly count outputs");
    }

    @Test
    void rejectsACountOutsideTheArray() {
        Xoshiro256StarStar x = new Xoshiro256StarStar(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.fill(new long[4], 5));
        assertEquals("count: 5 (expected: 0..4)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.fill(new long[4], -1));
    }
}
