package dev.whopper.sim.sched;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The runnable fibers' ids in ascending order, kept up to date incrementally: fibers whose state may have
 * changed are {@linkplain #touch touched}, and {@link #apply} then adds each touched fiber that is RUNNABLE
 * and removes each one that is not, leaving exactly the array an ascending scan over every fiber would
 * build. A few changes are binary-searched in and out ({@code System.arraycopy} moves the tail); many at
 * once are sorted and merged in one pass. Nothing here scans the fibers that did not change, and nothing
 * allocates after construction: every array holds at most one entry per fiber.
 *
 * <p>A <em>ranked</em> set ({@link #RunnableSet(int, boolean)}) is for strategies that read only how many
 * fibers are runnable (not their ids): it keeps a bitset of the runnable ids and a Fenwick tree of each
 * 64-bit word's population, so a change is O(log n) and {@link #id} (select: the id at an index of the
 * ascending order) is O(log n) plus a word. Its {@link #ids} array is only materialized when {@link #ids()}
 * is asked (an O(n) pass), and {@link #id} gives, at every index, the id that array holds there.
 */
final class RunnableSet {
    /** Touched fibers up to which each is inserted or removed on its own; beyond, they are merged. */
    static final int MERGE_ABOVE = 8;

    /**
     * The runnable ids, ascending, in {@code ids[0 .. count-1]}: the array the strategies see. Always up to
     * date in a set that is not ranked; in a ranked one only after {@link #ids()}, until the next change.
     */
    final int[] ids;
    /** The ranked representation is kept (and {@link #ids} materialized lazily). */
    private final boolean ranked;
    /** {@link #ids} holds the set (always, unless ranked). */
    private boolean idsValid = true;
    /** Passes over the whole set that {@link #ids()} made (each O(n)): work counted for tests. */
    private long materializations;
    /** Ranked: bit {@code id & 63} of word {@code id >>> 6} is set when fiber {@code id} is runnable. */
    private final long[] words;
    /** Ranked: a Fenwick tree (1-based) over the population of each of {@link #words}. */
    private final int[] tree;
    /**
     * Ranked: half the tree's size, where a Fenwick descent starts. {@link #words} is padded with empty words
     * to a power of two, so the tree covers a power of two and a descent stays inside it.
     */
    private final int treeTop;
    private int count;
    private final int[] touched;
    private final boolean[] isTouched;
    private int touchedCount;
    /** Every fiber must be looked at: {@link #rebuild} instead of {@link #apply}. */
    private boolean all = true;
    private final int[] scratch;

    /** Told of every change of a fiber's membership, as the set applies it. */
    interface Observer {
        /**
         * @param id       the fiber
         * @param runnable whether it is in the set now (a rebuild tells every fiber, changed or not)
         */
        void changed(int id, boolean runnable);
    }

    /** Who is told of changes (see {@link #observe}), or null. */
    private Observer observer;

    /** @param fibers how many fibers there are: a set that is not ranked */
    RunnableSet(int fibers) {
        this(fibers, false);
    }

    /**
     * @param fibers how many fibers there are
     * @param ranked keep a bitset and a Fenwick tree (O(log n) changes and {@link #id}) instead of the sorted
     *               array, which is then only materialized by {@link #ids()}
     */
    RunnableSet(int fibers, boolean ranked) {
        this.ranked = ranked;
        ids = new int[fibers];
        touched = new int[fibers];
        isTouched = new boolean[fibers];
        scratch = ranked ? null : new int[fibers];
        int wordCount = Integer.highestOneBit(((fibers + 63) >>> 6) * 2 - 1); // a power of two, >= the words needed
        words = ranked ? new long[wordCount] : null;
        tree = ranked ? new int[wordCount + 1] : null;
        treeTop = wordCount >>> 1;
    }

    /**
     * @param index an index below {@link #count()}
     * @return the runnable id at {@code index} of the ascending order: {@code ids()[index]}, without
     *         materializing the array (the identity while every fiber is runnable)
     */
    int id(int index) {
        if (count == ids.length) {
            return index;
        }
        if (idsValid) {
            return ids[index];
        }
        return select(index);
    }

    /**
     * Makes {@link #ids} right at the given indices only (a ranked set whose array is stale: each by select,
     * O(log n)); the array stays stale elsewhere, and {@link #ids()} still materializes all of it.
     *
     * @param indices indices below {@link #count()}, in {@code indices[0 .. n-1]}
     * @param n       how many
     * @return {@link #ids}, right at those indices
     */
    int[] idsAt(int[] indices, int n) {
        if (!idsValid) {
            for (int k = 0; k < n; k++) {
                int index = indices[k];
                ids[index] = id(index);
            }
        }
        return ids;
    }

    /** @return {@link #ids}, materialized first when it is stale (ranked, changed since): O(n) then */
    int[] ids() {
        if (!idsValid) {
            materializations++;
            int n = 0;
            for (int w = 0; w < words.length; w++) {
                long x = words[w];
                while (x != 0) {
                    ids[n++] = (w << 6) + Long.numberOfTrailingZeros(x);
                    x &= x - 1;
                }
            }
            idsValid = true;
        }
        return ids;
    }

    /**
     * Ranked: the id of the {@code index}-th (from 0) set bit, by a Fenwick descent, then within its word by
     * halves. Branch-free: each level's choice is a 50/50 guess for the branch predictor, so the choices are
     * masks (a mispredicted branch per level cost more than the level's arithmetic with many fibers). The
     * tree is padded to a power of two, so the descent never leaves it.
     */
    private int select(int index) {
        final int[] tree = this.tree;
        int pos = 0;
        int rest = index;
        for (int step = treeTop; step > 0; step >>>= 1) {
            int t = tree[pos + step];
            int take = (t - rest - 1) >> 31; // -1 when t <= rest: the index lies past this subtree
            pos += step & take;
            rest -= t & take;
        }
        // The rest-th set bit of the word: halves of 32, 16, ..., 1 bits, going high when rest >= the low count.
        long x = words[pos];
        int base = pos << 6;
        for (int width = 32; width > 0; width >>>= 1) {
            int low = Long.bitCount(x & ((1L << width) - 1));
            int high = (low - rest - 1) >> 31; // -1 when rest >= low
            rest -= low & high;
            int shift = width & high;
            x >>>= shift;
            base += shift;
        }
        return base;
    }

    /** Ranked: adds {@code delta} to the population of word {@code w}. */
    private void add(int w, int delta) {
        for (int i = w + 1; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }

    /** @return how many times {@link #ids()} materialized the array (an O(n) pass each) */
    long materializations() {
        return materializations;
    }

    /** @param observer told of every membership change from now on (the next update tells every fiber) */
    void observe(Observer observer) {
        this.observer = observer;
        all = true;
    }

    /**
     * @param id a runnable fiber
     * @return its index in the ascending order of the runnable ids ({@code ids()[index] == id}): O(log n),
     *         by the Fenwick tree's prefix sum in a ranked set, by binary search in a sorted one
     * @throws IllegalStateException when {@code id} is not runnable
     */
    int indexOf(int id) {
        if (id < 0 || id >= ids.length || !contains(id)) {
            throw new IllegalStateException("fiber " + id + " is not runnable (fibers: " + ids.length + ")");
        }
        return countBelow(id);
    }

    /** @param id a fiber id @return whether it is in the set (a bit of a ranked set, a binary search of a sorted one) */
    private boolean contains(int id) {
        return ranked ? (words[id >>> 6] & (1L << id)) != 0 : Arrays.binarySearch(ids, 0, count, id) >= 0;
    }

    /**
     * @param id a fiber id, or the number of fibers
     * @return how many runnable fibers have an id below {@code id}: O(log n), as {@link #indexOf}
     */
    int countBelow(int id) {
        if (id < 0 || id > ids.length) {
            throw new IllegalArgumentException("id: " + id + " (expected: 0.." + ids.length + ")");
        }
        if (!ranked) {
            int at = Arrays.binarySearch(ids, 0, count, id);
            return at >= 0 ? at : -at - 1;
        }
        int w = id >>> 6;
        int below = w < words.length ? Long.bitCount(words[w] & ((1L << id) - 1)) : 0;
        for (int i = w; i > 0; i -= i & -i) {
            below += tree[i];
        }
        return below;
    }

    /** Tells the observer, if any, every fiber's membership (after a rebuild). */
    private void tellAll() {
        if (observer == null) {
            return;
        }
        int k = 0; // a sorted set's next member
        for (int id = 0; id < ids.length; id++) {
            boolean member;
            if (ranked) {
                member = contains(id);
            } else {
                member = k < count && ids[k] == id;
                k += member ? 1 : 0;
            }
            observer.changed(id, member);
        }
    }

    /** @return how many fibers are runnable, as of the last {@link #apply} or {@link #rebuild} */
    int count() {
        return count;
    }

    /** @param id a fiber whose state may have changed since the last {@link #apply}; idempotent */
    void touch(int id) {
        if (!isTouched[id]) {
            isTouched[id] = true;
            touched[touchedCount++] = id;
        }
    }

    /** Every fiber may have changed: the next update looks at all of them. */
    void touchAll() {
        all = true;
    }

    /** @return true when something was touched since the last update */
    boolean pending() {
        return all || touchedCount > 0;
    }

    /** @return true when the next update should look at every fiber ({@link #touchAll}, or many touched) */
    boolean wantsRebuild() {
        return all || touchedCount > ids.length / 4;
    }

    /** @return how many fibers are touched */
    int touchedCount() {
        return touchedCount;
    }

    /** @param k an index below {@link #touchedCount()} @return the touched fiber there */
    int touched(int k) {
        return touched[k];
    }

    /**
     * Replaces the set by every fiber {@code runnable} accepts, scanning ids in ascending order (the full
     * scan), and forgets what was touched.
     *
     * @param runnable whether a fiber (by id) is runnable
     */
    void rebuild(IntPredicate runnable) {
        if (ranked) {
            rebuildRanked(runnable);
            return;
        }
        int n = 0;
        for (int id = 0; id < ids.length; id++) {
            if (runnable.test(id)) {
                ids[n++] = id;
            }
        }
        count = n;
        clearTouched();
        tellAll();
    }

    /**
     * Brings the touched fibers' membership up to date and forgets what was touched.
     *
     * @param runnable whether a fiber (by id) is runnable; asked of touched fibers only
     */
    void apply(IntPredicate runnable) {
        if (ranked) {
            for (int k = 0; k < touchedCount; k++) {
                int id = touched[k];
                boolean member = runnable.test(id);
                int w = id >>> 6;
                long bit = 1L << id;
                if (member != ((words[w] & bit) != 0)) {
                    words[w] ^= bit;
                    add(w, member ? 1 : -1);
                    count += member ? 1 : -1;
                    idsValid = false;
                    if (observer != null) {
                        observer.changed(id, member);
                    }
                }
            }
        } else if (touchedCount <= MERGE_ABOVE) {
            for (int k = 0; k < touchedCount; k++) {
                int id = touched[k];
                int at = Arrays.binarySearch(ids, 0, count, id);
                boolean member = runnable.test(id);
                if (member && at < 0) {
                    int to = -at - 1;
                    System.arraycopy(ids, to, ids, to + 1, count - to);
                    ids[to] = id;
                    count++;
                    if (observer != null) {
                        observer.changed(id, true);
                    }
                } else if (!member && at >= 0) {
                    System.arraycopy(ids, at + 1, ids, at, count - at - 1);
                    count--;
                    if (observer != null) {
                        observer.changed(id, false);
                    }
                }
            }
        } else {
            merge(runnable);
        }
        clearTouched();
    }

    /** Ranked {@link #rebuild}: the bitset by an ascending scan, then the Fenwick tree in one O(n) pass. */
    private void rebuildRanked(IntPredicate runnable) {
        Arrays.fill(words, 0L);
        int n = 0;
        for (int id = 0; id < ids.length; id++) {
            if (runnable.test(id)) {
                words[id >>> 6] |= 1L << id;
                n++;
            }
        }
        for (int i = 1; i < tree.length; i++) {
            tree[i] = Long.bitCount(words[i - 1]);
        }
        for (int i = 1; i < tree.length; i++) {
            int parent = i + (i & -i);
            if (parent < tree.length) {
                tree[parent] += tree[i];
            }
        }
        count = n;
        idsValid = false;
        clearTouched();
        tellAll();
    }

    /** The touched fibers sorted, then one merge pass of the set with them into {@link #scratch}. */
    private void merge(IntPredicate runnable) {
        Arrays.sort(touched, 0, touchedCount);
        int n = 0;
        int i = 0;
        for (int k = 0; k < touchedCount; k++) {
            int id = touched[k];
            while (i < count && ids[i] < id) {
                scratch[n++] = ids[i++];
            }
            boolean was = i < count && ids[i] == id;
            if (was) {
                i++; // re-added below if still runnable
            }
            boolean is = runnable.test(id);
            if (is) {
                scratch[n++] = id;
            }
            if (was != is && observer != null) {
                observer.changed(id, is);
            }
        }
        int rest = count - i;
        System.arraycopy(ids, i, scratch, n, rest);
        n += rest;
        System.arraycopy(scratch, 0, ids, 0, n);
        count = n;
    }

    private void clearTouched() {
        for (int k = 0; k < touchedCount; k++) {
            isTouched[touched[k]] = false;
        }
        touchedCount = 0;
        all = false;
    }
}
