package dev.whopper.sim.soak;

/**
 * Which seeds a soak runs: global seed index {@code g} has seed {@code firstSeed + g}; the soak runs the indices
 * [0, seeds) (or without end when {@code seeds} is 0: until its duration is up) that its shard owns.
 *
 * @param firstSeed the seed of index 0
 * @param seeds     how many seed indices in the whole soak (all shards), &gt; 0; 0: no end but the duration
 * @param shard     the share this soak runs
 */
public record SeedPlan(long firstSeed, long seeds, Shard shard) {
    public SeedPlan {
        if (seeds < 0) {
            throw new IllegalArgumentException("--seeds: " + seeds + " (expected: > 0)");
        }
        java.util.Objects.requireNonNull(shard, "shard");
    }

    /** @return true when the soak ends by its seed count (not only by its duration) */
    public boolean bounded() {
        return seeds > 0;
    }

    /** @return how many seeds this shard runs in all, or -1 when unbounded */
    public long total() {
        return bounded() ? shard.share(seeds) : -1;
    }

    /**
     * @param k the shard's k-th seed
     * @return its global index, or -1 past the end
     */
    public long globalIndex(long k) {
        long g = shard.globalIndex(k);
        return bounded() && g >= seeds ? -1 : g;
    }

    /**
     * @param globalIndex a seed index
     * @return its seed
     */
    public long seed(long globalIndex) {
        return firstSeed + globalIndex;
    }
}
