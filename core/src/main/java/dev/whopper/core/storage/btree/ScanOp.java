package dev.whopper.core.storage.btree;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link BTree#scan}: descend to the leaf holding {@code from} (or the leftmost leaf), then follow the
 * right-sibling links. Entries are appended only after the page they come from was read, in the same
 * transition that moves on to the next page, so a re-entry never appends twice.
 */
final class ScanOp implements StateTransition<List<Entry>> {
    private final BTree tree;
    private final byte[] from;
    private final byte[] to;
    private final int limit;
    private final ArrayList<Entry> out = new ArrayList<>();
    private int page = -1;
    private boolean descending = true;
    /** True once the scan moved to a right sibling. */
    private boolean followed;
    private int depth;

    ScanOp(BTree tree, byte[] from, byte[] to, int limit) {
        this.tree = tree;
        this.from = from;
        this.to = to;
        this.limit = limit;
    }

    @Override
    public Transition<List<Entry>> transition() {
        if (page == -1) {
            int root = tree.store.rootPage();
            if (root == 0 || (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0)) {
                return Transition.done(List.of());
            }
            page = root;
        }
        IOResult<byte[]> r = tree.store.read(page);
        if (r.isIo()) return Transition.from(r);
        byte[] img = r.value();
        NodeLayout.requireValid(page, NodeLayout.structureProblem(img, tree.usable));
        if (descending) {
            if (!NodeLayout.isLeaf(img)) {
                if (++depth >= BTree.MAX_DEPTH) {
                    throw new IllegalStateException("tree deeper than " + BTree.MAX_DEPTH + " levels at page " + page);
                }
                int child = NodeLayout.child(img, from == null ? 0 : NodeLayout.childIndex(img, from));
                if (child < 2) {
                    throw new MalformedPageException("page " + page + " has invalid child page " + child);
                }
                page = child;
                return tree.yieldOr(BTreeYieldPoint.PAGE_LOADED);
            }
            descending = false;
        } else if (!NodeLayout.isLeaf(img)) {
            throw new MalformedPageException("right sibling page " + page + " of a leaf is not a leaf");
        }
        int n = NodeLayout.count(img);
        int i = from == null ? 0 : NodeLayout.lowerBound(img, from);
        if (followed && (n == 0 || i > 0)) {
            // Only the root leaf may be empty, and a right sibling holds no key below the first leaf's:
            // refusing here also makes a corrupt, cyclic chain end instead of looping forever.
            throw new MalformedPageException("leaf chain corrupt at page " + page + ": " + (n == 0 ? "empty leaf"
                    : "keys below the scan's lower bound"));
        }
        for (; i < n; i++) {
            if (to != null && NodeLayout.compareKey(img, i, to) >= 0) {
                return Transition.done(List.copyOf(out));
            }
            byte[] k = NodeLayout.key(img, i);
            if (!out.isEmpty() && Arrays.compareUnsigned(out.get(out.size() - 1).key(), k) >= 0) {
                throw new MalformedPageException("leaf chain out of order at page " + page);
            }
            out.add(new Entry(k, NodeLayout.value(img, i)));
            if (out.size() >= limit) {
                return Transition.done(List.copyOf(out));
            }
        }
        int next = NodeLayout.right(img);
        if (next == 0) {
            return Transition.done(List.copyOf(out));
        }
        if (next < 2) {
            throw new MalformedPageException("page " + page + " has invalid right sibling " + next);
        }
        page = next;
        followed = true;
        return tree.yieldOr(BTreeYieldPoint.PAGE_LOADED);
    }
}
