package dev.whopper.sim.strategy;

import dev.whopper.core.io.RandomSource;
import dev.whopper.sim.random.Xoshiro256StarStar;
import java.util.Objects;

/**
 * Uniformly random among the runnable fibers at every step.
 *
 * <p>Its block picker (only when the stream is the simulator's own {@link Xoshiro256StarStar}) draws the
 * generator's outputs for a block in one call and splits each with Lemire's unbiased multiply-shift
 * method: four 16-bit picks per 64-bit output up to {@value #QUARTER_PICK_MAX} runnable fibers, two
 * 32-bit picks above. A quarter (half) that Lemire's method might reject, probability below
 * {@code count / 2^16} ({@code count / 2^31}), ends the block before it; a block that would be empty
 * falls back to one {@link Xoshiro256StarStar#nextInt(int)}.
 */
public final class RandomStrategy implements Strategy, BlockPicker {
    /** Up to this many runnable fibers, a block pick takes 16 bits of an output (a block ends early &lt; 0.4% of picks). */
    static final int QUARTER_PICK_MAX = 256;

    private final RandomSource random;
    /** The same stream when it is the simulator's own generator: drawn from without an interface call. */
    private final Xoshiro256StarStar xoshiro;
    /** The generator's outputs behind a block, drawn in one call: at least two picks each. */
    private final long[] draws;

    /** @param random the scheduler's stream */
    public RandomStrategy(RandomSource random) {
        this.random = Objects.requireNonNull(random, "random");
        this.xoshiro = random instanceof Xoshiro256StarStar x ? x : null;
        this.draws = xoshiro != null ? new long[MAX_BLOCK / 2] : null;
    }

    @Override
    public int pick(int[] runnable, int count, SchedulerView view) {
        return xoshiro != null ? xoshiro.nextInt(count) : random.nextInt(count);
    }

    /** @return false: a pick depends on the count of runnable fibers only */
    @Override
    public boolean readsRunnable() {
        return false;
    }

    /** @return this strategy's block draw when its stream is the simulator's generator, else {@code null} */
    @Override
    public BlockPicker blockPicker() {
        return xoshiro != null ? this : null;
    }

    @Override
    public int fill(int[] runnable, int count, SchedulerView view, int[] picks, int size) {
        final long[] draws = this.draws;
        int k = 0;
        if (count <= QUARTER_PICK_MAX) {
            // Four 16-bit picks per 64-bit output (Lemire's method on 16 bits; a quarter that it might reject,
            // probability < count / 2^16, ends the block before it).
            final int outputs = Math.min(size >>> 2, draws.length);
            xoshiro.fill(draws, outputs);
            pick:
            for (int j = 0; j < outputs; j++) {
                long draw = draws[j];
                for (int shift = 48; shift >= 0; shift -= 16) {
                    long m = ((draw >>> shift) & 0xFFFF) * count;
                    if ((m & 0xFFFF) < count) {
                        break pick;
                    }
                    picks[k++] = (int) (m >>> 16);
                }
            }
        } else {
            final int outputs = Math.min(size >>> 1, draws.length);
            xoshiro.fill(draws, outputs);
            for (int j = 0; j < outputs; j++) {
                // Two 32-bit picks per output (every bit of xoshiro256** is good): its high half, then its low.
                long draw = draws[j];
                long high = (draw >>> 32) * count;
                long low = (draw & 0xFFFF_FFFFL) * count;
                if ((high & 0xFFFF_FFFFL) < count || (low & 0xFFFF_FFFFL) < count) {
                    break; // Lemire might reject one of them (probability < count / 2^31): the block ends here
                }
                picks[k] = (int) (high >>> 32);
                picks[k + 1] = (int) (low >>> 32);
                k += 2;
            }
        }
        if (k == 0) {
            picks[k++] = xoshiro.nextInt(count);
        }
        return k;
    }

    @Override
    public String name() {
        return "random";
    }
}
