package dev.whopper.sim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.whopper.sim.random.Fnv1a;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueHashTest {
    enum Color { RED }

    @Test
    void valuesHashByContentOthersByClassName() {
        assertEquals(0x0DDL, ValueHash.of(null));
        assertEquals(7, ValueHash.of(7L));
        assertEquals(7, ValueHash.of(7));
        assertEquals(-3, ValueHash.of((short) -3));
        assertEquals(5, ValueHash.of((byte) 5));
        assertEquals(0xB1L, ValueHash.of(true));
        assertEquals(0xB0L, ValueHash.of(false));
        assertEquals('x', ValueHash.of('x'));
        assertEquals(Fnv1a.hash64("abc"), ValueHash.of("abc"));
        assertEquals(Fnv1a.hash64(ValueHashTest.Color.class.getName() + ".RED"), ValueHash.of(Color.RED));
        assertEquals(Fnv1a.hash64(new byte[] {1, 2}), ValueHash.of(new byte[] {1, 2}));
        assertEquals(Double.doubleToLongBits(1.5), ValueHash.of(1.5));
        assertEquals(Fnv1a.hash64("java.util.ArrayList"), ValueHash.of(new ArrayList<>(List.of(1))));
        assertEquals(ValueHash.of(new ArrayList<>()), ValueHash.of(new ArrayList<>(List.of(1, 2))),
            "other objects: by class name, never by identity or content");
        assertNotEquals(ValueHash.of(new byte[] {1, 2}), ValueHash.of(new byte[] {2, 1}));
    }
}
