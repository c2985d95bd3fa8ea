package dev.whopper.sim.random;

import dev.whopper.core.io.RandomSource;
import dev.whopper.core.random.SplitMix64;

/**
 * xoshiro256** 1.0 (Blackman, Vigna 2018): the generator behind every simulator stream. Its four words
 * of state are filled from a {@link SplitMix64} seeded with the given seed, as its authors recommend.
 * Pure integer arithmetic: the same seed gives the same outputs on every JVM. Not final, so that a simulated
 * fiber can extend it and carry its workload stream's state in its own object (one object fewer to reach per
 * step with many fibers); its methods are final, so the stream behaves the same in every subclass.
 */
public class Xoshiro256StarStar implements RandomSource {
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

    private Xoshiro256StarStar(long s0, long s1, long s2, long s3) {
        if ((s0 | s1 | s2 | s3) == 0) {
            throw new IllegalArgumentException("state: all zero (expected: at least one non-zero word)");
        }
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /**
     * A generator with the given raw state (for reference test vectors).
     *
     * @return the generator
     * @param s0 state word 0
     * @param s1 state word 1
     * @param s2 state word 2
     * @param s3 state word 3
     */
    public static Xoshiro256StarStar fromState(long s0, long s1, long s2, long s3) {
        return new Xoshiro256StarStar(s0, s1, s2, s3);
    }

    @Override
    public final long nextLong() {
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

    /**
     * Fills {@code out[0..count)} with the next {@code count} outputs of {@link #nextLong()}, in order.
     *
     * @param out   where the outputs go
     * @param count how many, in {@code [0, out.length]}
     */
    public final void fill(long[] out, int count) {
        if (count < 0 || count > out.length) {
            throw new IllegalArgumentException("count: " + count + " (expected: 0.." + out.length + ")");
        }
        long a = s0;
        long b = s1;
        long c = s2;
        long d = s3;
        for (int i = 0; i < count; i++) { // nextLong()'s step on locals (XoshiroFillTest keeps them equal)
            out[i] = Long.rotateLeft(b * 5, 7) * 9;
            long t = b << 17;
            c ^= a;
            d ^= b;
            b ^= c;
            a ^= d;
            c ^= t;
            d = Long.rotateLeft(d, 45);
        }
        s0 = a;
        s1 = b;
        s2 = c;
        s3 = d;
    }

    /**
     * The same unbiased draw as {@link RandomSource#nextInt(int)} (Lemire's multiply-shift with rejection;
     * identical outputs), bound statically so the scheduler's pick inlines.
     */
    @Override
    public final int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
        }
        long m = (nextLong() >>> 32) * bound;
        if ((m & 0xFFFF_FFFFL) < bound) {
            return rejectBiased(m, bound);
        }
        return (int) (m >>> 32);
    }

    private int rejectBiased(long first, int bound) {
        long m = first;
        long threshold = (0x1_0000_0000L - bound) % bound;
        while ((m & 0xFFFF_FFFFL) < threshold) {
            m = (nextLong() >>> 32) * bound;
        }
        return (int) (m >>> 32);
    }
}
