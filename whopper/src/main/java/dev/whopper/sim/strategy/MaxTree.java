package dev.whopper.sim.strategy;

/**
 * A tournament tree over ids {@code 0 .. n-1}, each with a {@code long} key: the id with the largest key
 * (the lowest such id on a tie) in O(1), a key changed in O(log n). The strategies that pick the fiber of
 * highest priority keep one over the runnable fibers, so that a pick costs O(log n) instead of a scan of
 * every runnable fiber. Nodes hold their winner's key next to its id, so a change reads the two children of
 * each node on its path (adjacent entries) and never looks a key up by id. Allocates nothing after
 * construction.
 */
final class MaxTree {
    /** The key of an id that takes no part (a fiber that is not runnable): below every real key. */
    static final long ABSENT = Long.MIN_VALUE;

    private final int leaves;
    /** Node {@code i} (1-based heap order; leaves from {@link #leaves}): its winner's key and id. */
    private final long[] keys;
    private final int[] ids;

    /** @param n how many ids, &gt; 0; every key starts {@link #ABSENT} */
    MaxTree(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n: " + n + " (expected: > 0)");
        }
        leaves = Integer.highestOneBit(n * 2 - 1);
        keys = new long[2 * leaves];
        ids = new int[2 * leaves];
        java.util.Arrays.fill(keys, ABSENT);
        for (int i = 0; i < leaves; i++) {
            ids[leaves + i] = i;
        }
        for (int i = leaves - 1; i >= 1; i--) {
            ids[i] = ids[2 * i]; // all absent: the left (lower) id wins
        }
    }

    /**
     * @param id  an id below {@code n}
     * @param key its key ({@link #ABSENT}: it takes no part)
     */
    void set(int id, long key) {
        int i = leaves + id;
        keys[i] = key;
        for (i >>>= 1; i >= 1; i >>>= 1) {
            int l = 2 * i;
            int r = l + 1;
            // The right child wins only with a strictly larger key: its ids are all higher than the left's.
            int w = keys[r] > keys[l] ? r : l;
            keys[i] = keys[w];
            ids[i] = ids[w];
        }
    }

    /** @return the id of the largest key (the lowest id among equal ones), or -1 when every key is absent */
    int max() {
        return keys[1] == ABSENT ? -1 : ids[1];
    }

    /** @return the largest key, {@link #ABSENT} when every key is */
    long maxKey() {
        return keys[1];
    }

    /** @param id an id below {@code n} @return its key */
    long key(int id) {
        return keys[leaves + id];
    }
}
