package dev.whopper.sim.trace;

import dev.whopper.sim.random.Fnv1a;

/**
 * The stable hash of an operation's value that goes into the {@link TraceHash} when an operation
 * finishes: numbers, strings, booleans, characters, enums and byte arrays by content; anything else by
 * its class name only (never an identity hash, which would differ between two runs of the same seed).
 */
public final class ValueHash {
    private ValueHash() {
    }

    /**
     * @param value a value, or {@code null}
     * @return its stable hash
     */
    public static long of(Object value) {
        if (value == null) {
            return 0x0DDL;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof Boolean b) {
            return b ? 0xB1L : 0xB0L;
        } else if (value instanceof Character c) {
            return c;
        } else if (value instanceof String s) {
            return Fnv1a.hash64(s);
        } else if (value instanceof Enum<?> e) {
            return Fnv1a.hash64(e.getDeclaringClass().getName() + "." + e.name());
        } else if (value instanceof byte[] b) {
            return Fnv1a.hash64(b);
        } else if (value instanceof Double d) {
            return Double.doubleToLongBits(d);
        }
        return Fnv1a.hash64(value.getClass().getName());
    }
}
