package dev.whopper.sim.random;

import dev.whopper.core.io.RandomSource;
import dev.whopper.core.random.SplitMix64;

/**
 * xoshiro256** 1.0 (Blackman, Vigna 2018): the generator behind every simulator stream. Its four words
 * of state are filled from a {@link SplitMix64} seeded with the given seed, as its authors recommend.
 * Pure integer arithmetic: the same seed gives the same outputs on every JVM.
 */
public final class Xoshiro256StarStar implements RandomSource {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** @param seed any 64-bit seed */
    public Xoshiro256StarStar(long seed) {
        SplitMix64 sm = new SplitMix64(seed);
        s0 = sm.nextLong();
        s1 = sm.nextLong();
        s2 = sm.nextLong();
        s3 = sm.nextLong();
        if ((s0 | s1 | s2 | s3) == 0) {
            throw new IllegalStateException("xoshiro256** state is all zero");
        }
    }

    @Override
    public long nextLong() {
        final long result = Long.rotateLeft(s1 * 5, 7) * 9;
        final long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }
}
