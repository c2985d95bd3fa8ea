package dev.whopper.sim.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Coverage summed over a soak's seeds: every item with the lowest seed index that saw it, and from those the
 * saturation curve, how many items were new in each block of {@value #BLOCK_SEEDS} seed indices. Taking the
 * lowest index makes it independent of the order seeds finished in, and exact under merging: the union of
 * shards gives what one soak over all their seeds gives.
 */
public final class CoverageSummary {
    /** Seed indices per block of the saturation curve. */
    public static final int BLOCK_SEEDS = 100;

    private final TreeMap<String, Long> firstIndex = new TreeMap<>();

    /**
     * @param index a seed's index
     * @param items its items
     * @return the items this seed now sees first (lower index than any seed before)
     */
    public List<String> add(long index, Iterable<String> items) {
        List<String> firsts = new ArrayList<>();
        for (String item : items) {
            Long was = firstIndex.get(item);
            if (was == null || index < was) {
                firstIndex.put(item, index);
                firsts.add(item);
            }
        }
        return firsts;
    }

    /** @param other another summary, taken into this */
    public void merge(Map<String, Long> other) {
        for (Map.Entry<String, Long> e : other.entrySet()) {
            firstIndex.merge(e.getKey(), e.getValue(), Math::min);
        }
    }

    /** @return every item and the lowest seed index that saw it, by item */
    public Map<String, Long> firstIndex() {
        return new TreeMap<>(firstIndex);
    }

    /**
     * @param firstSeed the seed of index 0
     * @return the summary as the soak's summary holds it
     */
    public Result result(long firstSeed) {
        TreeMap<Long, Integer> blocks = new TreeMap<>();
        long last = -1;
        for (long i : firstIndex.values()) {
            blocks.merge(i / BLOCK_SEEDS, 1, Integer::sum);
            last = Math.max(last, i);
        }
        List<Block> curve = new ArrayList<>();
        if (!blocks.isEmpty()) {
            for (long b = 0; b <= blocks.lastKey(); b++) {
                curve.add(new Block(b * BLOCK_SEEDS, blocks.getOrDefault(b, 0)));
            }
        }
        return new Result(firstIndex.size(), new TreeMap<>(firstIndex), BLOCK_SEEDS, curve, last,
            last < 0 ? -1 : firstSeed + last);
    }

    /**
     * One block of the saturation curve.
     *
     * @param firstIndex the block's first seed index
     * @param newItems   items first seen in the block
     */
    public record Block(long firstIndex, int newItems) { }

    /**
     * @param items        distinct items seen
     * @param firstIndex   every item with the lowest seed index that saw it
     * @param blockSeeds   seed indices per block
     * @param curve        new items per block, from index 0 to the last block that had one
     * @param lastNewIndex the seed index at which the last new item appeared, -1 when none
     * @param lastNewSeed  its seed, -1 when none
     */
    public record Result(int items, Map<String, Long> firstIndex, int blockSeeds, List<Block> curve, long lastNewIndex,
                         long lastNewSeed) {
        public Result {
            firstIndex = new TreeMap<>(firstIndex);
            curve = List.copyOf(curve);
        }
    }
}
