package dev.whopper.sim.trace;

/**
 * A rolling 64-bit hash over everything that happened in a run: every decision and every operation
 * result. Each step {@code h = rotl((h ^ v) * K, 29)} is a bijection of {@code h} for a given {@code v},
 * so one divergence can never be absorbed by later identical input: two runs with equal hashes took the
 * same path (up to collisions between several differences). Cheap on purpose (one multiply of latency
 * per value: it runs several times per scheduler step); {@link #value()} applies the SplitMix64
 * finalizer so the printed hash is well spread. Allocation-free.
 */
public final class TraceHash {
    private long h = 0x5EED_0F_7A_CE_0001L;

    /**
     * Folds one value in.
     *
     * @param value any 64 bits
     */
    public void mix(long value) {
        h = mix(h, value);
    }

    /**
     * One step of the hash on a raw state, for a loop that keeps the state in a local (see {@link #state()}).
     *
     * @param state the raw state
     * @param value any 64 bits
     * @return the raw state with {@code value} folded in
     */
    public static long mix(long state, long value) {
        return Long.rotateLeft((state ^ value) * 0x9E3779B97F4A7C15L, 29);
    }

    /** @return the raw state (not the finalized {@link #value()}) */
    public long state() {
        return h;
    }

    /** @param state a raw state from {@link #state()} and {@link #mix(long, long)} */
    public void state(long state) {
        h = state;
    }

    /** @return the hash so far */
    public long value() {
        return dev.whopper.core.random.SplitMix64.mix(h);
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
