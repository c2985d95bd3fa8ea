package dev.whopper.sim.soak;

/**
 * One share of a soak's seed space: shard {@code index} of {@code count} runs the seed indices {@code g} with
 * {@code g % count == index}, so the shards of one soak are disjoint and together cover it.
 *
 * @param index this shard, in [0, count)
 * @param count how many shards, &gt; 0
 */
public record Shard(int index, int count) {
    /** The whole seed space: one shard. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count <= 0) {
            throw new IllegalArgumentException("--shard: " + index + "/" + count + " (expected: i/N with N > 0)");
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard: " + index + "/" + count + " (expected: i/N with 0 <= i < N, e.g. 0/"
                + count + " .. " + (count - 1) + "/" + count + ")");
        }
    }

    /**
     * @param text {@code i/N}, e.g. {@code 0/4} (the Kubernetes completion index is {@code i})
     * @return the shard
     * @throws IllegalArgumentException naming {@code --shard} and the valid form
     */
    public static Shard parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
            throw new IllegalArgumentException("--shard: '" + text + "' (expected: i/N with 0 <= i < N, e.g. 0/4)");
        }
        int i;
        int n;
        try {
            i = Integer.parseInt(t.substring(0, slash).strip());
            n = Integer.parseInt(t.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard: '" + text + "' (expected: i/N with 0 <= i < N, e.g. 0/4)");
        }
        return new Shard(i, n);
    }

    /**
     * @param k the shard's k-th seed, &gt;= 0
     * @return its global seed index
     */
    public long globalIndex(long k) {
        return index + k * count;
    }

    /**
     * @param globalIndex a seed index, &gt;= 0
     * @return true when this shard runs it
     */
    public boolean owns(long globalIndex) {
        return globalIndex % count == index;
    }

    /**
     * @param seeds a soak of {@code seeds} seed indices [0, seeds)
     * @return how many of them this shard runs
     */
    public long share(long seeds) {
        return seeds <= index ? 0 : (seeds - index + count - 1) / count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
