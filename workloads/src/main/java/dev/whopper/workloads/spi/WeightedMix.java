package dev.whopper.workloads.spi;

import java.util.Arrays;

/**
 * A weighted choice of the next operation kind, whose weights the run may scale: kind {@code i} has weight
 * {@code base[i] * FiberContext.workloadWeight(i)}. Normally every scale is 1 and the mix is the base mix;
 * under the swarm strategy each seed draws its own scales (some 0), so different seeds run different mixes.
 *
 * <p>Scales are taken in hundredths and the weights reduced by their common factor (at most 100) before
 * the draw, so the probabilities are exact and a base mix out of 100 draws {@code nextInt(100)}. When every
 * scaled weight is 0 the base mix is used.
 */
public final class WeightedMix {
    private static final int SCALE = 100;

    private final int[] base;

    /** @param base the base weight of each kind, each &gt;= 0, at least one &gt; 0 */
    public WeightedMix(int... base) {
        if (base.length == 0 || base.length > 8) {
            throw new IllegalArgumentException("base: " + base.length + " weights (expected: 1..8)");
        }
        long sum = 0;
        for (int b : base) {
            if (b < 0) {
                throw new IllegalArgumentException("base: " + Arrays.toString(base) + " (expected: every weight >= 0)");
            }
            sum += b;
        }
        if (sum == 0 || sum > Integer.MAX_VALUE / SCALE) {
            throw new IllegalArgumentException("base: " + Arrays.toString(base) + " (expected: a sum in 1.."
                + Integer.MAX_VALUE / SCALE + ")");
        }
        this.base = base.clone();
    }

    /**
     * @param ctx the fiber: its weights scale the mix, its random stream draws
     * @return the index of the kind drawn
     */
    public int pick(FiberContext ctx) {
        long total = 0;
        long common = SCALE;
        for (int i = 0; i < base.length; i++) {
            long w = weight(ctx, i);
            total += w;
            common = gcd(common, w);
        }
        boolean none = total == 0;
        if (none) {
            total = 0;
            common = SCALE;
            for (int b : base) {
                total += (long) b * SCALE;
                common = gcd(common, (long) b * SCALE);
            }
        }
        int roll = ctx.random().nextInt((int) (total / common));
        long upTo = 0;
        for (int i = 0; i < base.length; i++) {
            upTo += (none ? (long) base[i] * SCALE : weight(ctx, i)) / common;
            if (roll < upTo) {
                return i;
            }
        }
        throw new AssertionError("roll " + roll + " beyond the mix " + Arrays.toString(base));
    }

    private long weight(FiberContext ctx, int i) {
        long scale = Math.round(ctx.workloadWeight(i) * SCALE);
        return base[i] * Math.max(0, Math.min(SCALE, scale));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
