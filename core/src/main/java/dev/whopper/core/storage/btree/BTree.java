package dev.whopper.core.storage.btree;

import dev.whopper.core.io.Completion;
import dev.whopper.core.sm.StateMachine;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import java.util.List;
import java.util.Objects;

/**
 * A B+tree of byte[] keys (unsigned lexicographic order) and byte[] values over a {@link PageStore}.
 *
 * <p>Every operation returns a fresh {@link StateMachine}: step it until it returns Done; on an
 * {@code IO} result return that upward and step again after its completion finished. Operations of
 * one tree must run one at a time (the store belongs to one transaction). Machines plan first (read
 * every page they need into private state) and apply last, so any {@code IO} result or forced yield
 * (see {@link BTreeYieldPoint}) can be resumed without redoing work. Errors of the store (for example
 * an {@code IOFailureException} for a page that failed its checksum) propagate out of {@code step()}.
 *
 * <p>Limits: a key is at most {@link #maxKeySize(int)} bytes and a key plus its value at most
 * {@link #maxKeyValueSize(int)} bytes (a quarter of the usable page minus cell overhead), so a page
 * always holds at least four cells. The tree uses bytes {@code [0, usableSize)} of each page. See
 * {@code docs/btree.md} for the layout and the balancing rules.
 */
public final class BTree {
    /** Deepest tree the operations accept; deeper means a cycle or corruption. */
    static final int MAX_DEPTH = 48;

    final PageStore store;
    final int usable;
    final int capacity;

    /**
     * @param store the pages the tree lives in; its usable size must be in {@code [384, 65536]}
     */
    public BTree(PageStore store) {
        this.store = Objects.requireNonNull(store, "store");
        int u = store.usableSize();
        if (u < NodeLayout.MIN_USABLE || u > NodeLayout.MAX_USABLE || u > store.pageSize()) {
            throw new IllegalArgumentException("usableSize: " + u + " (expected: " + NodeLayout.MIN_USABLE + ".."
                    + Math.min(NodeLayout.MAX_USABLE, store.pageSize()) + ")");
        }
        this.usable = u;
        this.capacity = NodeLayout.capacity(u);
    }

    /**
     * The largest key plus value, in bytes, one entry may have: a quarter of the page's content area
     * minus the 6 bytes of cell overhead ({@code (usableSize - 12) / 4 - 6}; 1014 for 4096-byte pages
     * with a 4-byte trailer).
     *
     * @param usableSize the store's usable page size
     * @return the limit in bytes
     */
    public static int maxKeyValueSize(int usableSize) {
        checkUsable(usableSize);
        return NodeLayout.maxCell(usableSize) - NodeLayout.LEAF_CELL_OVERHEAD;
    }

    /**
     * The largest key, in bytes: a quarter of the content area minus the 8 bytes of an interior cell's
     * overhead ({@code (usableSize - 12) / 4 - 8}), so that any key can serve as a separator.
     *
     * @param usableSize the store's usable page size
     * @return the limit in bytes
     */
    public static int maxKeySize(int usableSize) {
        checkUsable(usableSize);
        return NodeLayout.maxCell(usableSize) - NodeLayout.INTERIOR_CELL_OVERHEAD;
    }

    private static void checkUsable(int usableSize) {
        if (usableSize < NodeLayout.MIN_USABLE || usableSize > NodeLayout.MAX_USABLE) {
            throw new IllegalArgumentException("usableSize: " + usableSize + " (expected: " + NodeLayout.MIN_USABLE
                    + ".." + NodeLayout.MAX_USABLE + ")");
        }
    }

    /**
     * Looks a key up.
     *
     * @param key the key
     * @return a machine whose value is a copy of the value, or {@code null} when the key is absent
     */
    public StateMachine<byte[]> get(byte[] key) {
        Objects.requireNonNull(key, "key");
        return new StateMachine<>(new GetOp(this, key.clone()));
    }

    /**
     * Inserts a key or replaces its value.
     *
     * @param key   the key, at most {@link #maxKeySize(int)} bytes
     * @param value the value; key plus value at most {@link #maxKeyValueSize(int)} bytes
     * @return a machine that finishes once the tree holds the pair
     * @throws TooBigException when the key or the pair is too large (checked at once, nothing written)
     */
    public StateMachine<Void> put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        int maxKey = maxKeySize(usable);
        if (key.length > maxKey) {
            throw new TooBigException("key of " + key.length + " bytes exceeds the limit of " + maxKey + " bytes for "
                    + store.pageSize() + "-byte pages");
        }
        int maxPair = maxKeyValueSize(usable);
        if (key.length + value.length > maxPair) {
            throw new TooBigException("value of " + value.length + " bytes with a key of " + key.length
                    + " bytes exceeds the limit of " + maxPair + " bytes (key+value) for " + store.pageSize()
                    + "-byte pages");
        }
        MutateOp op = new MutateOp(this, key.clone(), value.clone());
        return new StateMachine<>(new StateTransition<Void>() {
            @Override
            public Transition<Void> transition() {
                Transition<Boolean> t = op.transition();
                if (t instanceof Transition.Done<Boolean>) {
                    return Transition.done(null);
                }
                @SuppressWarnings("unchecked")
                Transition<Void> same = (Transition<Void>) (Transition<?>) t;
                return same;
            }
        });
    }

    /**
     * Removes a key.
     *
     * @param key the key
     * @return a machine whose value is true when the key was present and removed
     */
    public StateMachine<Boolean> delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        return new StateMachine<>(new MutateOp(this, key.clone(), null));
    }

    /**
     * Lists entries in key order.
     *
     * @param fromInclusive lowest key, or {@code null} for the first
     * @param toExclusive   key to stop before, or {@code null} for no upper bound
     * @param limit         most entries to return, &gt; 0
     * @return a machine whose value is the entries (empty when {@code fromInclusive >= toExclusive})
     */
    public StateMachine<List<Entry>> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        return new StateMachine<>(new ScanOp(this, fromInclusive == null ? null : fromInclusive.clone(),
                toExclusive == null ? null : toExclusive.clone(), limit));
    }

    /**
     * Walks the whole tree and checks key order within pages, separator bounds, equal leaf depth, fill
     * bounds of non-root pages, sibling links on every level, page structure, and that no page is
     * reached twice. Corrupt structure is reported, not thrown; store errors propagate.
     *
     * @return a machine whose value lists the problems, the pages used, the depth and the entry count
     */
    public StateMachine<TreeCheck> check() {
        return new StateMachine<>(new CheckOp(this));
    }

    /** @return a Transition that yields at {@code point} when the store's injector asks, else Continue */
    <T> Transition<T> yieldOr(BTreeYieldPoint point) {
        return store.yields().shouldYield(point) ? Transition.io(Completion.yielded()) : Transition.proceed();
    }

    /** @return true when a non-root page with {@code content} bytes is below the fill bound */
    boolean underfull(int content) {
        return content * 4L < capacity;
    }
}
