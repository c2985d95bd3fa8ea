package dev.whopper.sim.trace;

/**
 * A rolling 64-bit hash over everything that happened in a run: every decision and every operation
 * result. Two runs with equal hashes took the same path (up to hash collisions); any divergence, however
 * small, changes it. Allocation-free.
 */
public final class TraceHash {
    private long h = 0x5EED_0F_7A_CE_0001L;

    /**
     * Folds one value in.
     *
     * @param value any 64 bits
     */
    public void mix(long value) {
        long x = h ^ (value * 0x9E3779B97F4A7C15L);
        x = Long.rotateLeft(x, 29) * 0xBF58476D1CE4E5B9L;
        h = x ^ (x >>> 32);
    }

    /** @return the hash so far */
    public long value() {
        return h;
    }

    /**
     * @param hash a hash value
     * @return it as 16 lower-case hex digits
     */
    public static String hex(long hash) {
        String s = Long.toHexString(hash);
        return "0".repeat(16 - s.length()) + s;
    }

    @Override
    public String toString() {
        return hex(h);
    }
}
