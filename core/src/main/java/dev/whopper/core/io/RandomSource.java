package dev.whopper.core.io;

/**
 * Randomness as the engine sees it (salts, backoff jitter). A simulator supplies a seeded stream.
 * Implementations need not be thread-safe.
 */
public interface RandomSource {
    /** @return the next 64 uniformly distributed bits */
    long nextLong();

    /**
     * @param bound exclusive upper bound, &gt; 0
     * @return a uniform int in {@code [0, bound)}
     */
    default int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
        }
        // Lemire's multiply-shift with rejection: unbiased, no division in the common case.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** @return a uniform double in {@code [0, 1)} */
    default double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * @param probability chance of {@code true}, in {@code [0, 1]}
     * @return true with the given probability
     */
    default boolean chance(double probability) {
        return probability > 0 && (probability >= 1 || nextDouble() < probability);
    }
}
