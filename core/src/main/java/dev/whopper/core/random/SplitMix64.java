package dev.whopper.core.random;

import dev.whopper.core.io.RandomSource;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, statistically solid 64-bit generator whose output
 * depends only on its seed, on any JVM. Used to seed other streams and for tests.
 */
public final class SplitMix64 implements RandomSource {
    private long state;

    /** @param seed any 64-bit value */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        return mix(z);
    }

    /**
     * The SplitMix64 finalizer: a bijective 64-bit mix.
     *
     * @param z input
     * @return mixed bits
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
