package dev.whopper.core.storage.btree;

import dev.whopper.core.io.IOResult;
import dev.whopper.core.sm.StateTransition;
import dev.whopper.core.sm.Transition;

/** {@link BTree#get}: descend from the root to the leaf that may hold the key. Mutates nothing. */
final class GetOp implements StateTransition<byte[]> {
    private final BTree tree;
    private final byte[] key;
    private int page = -1;
    private int depth;

    GetOp(BTree tree, byte[] key) {
        this.tree = tree;
        this.key = key;
    }

    @Override
    public Transition<byte[]> transition() {
        if (page == -1) {
            int root = tree.store.rootPage();
            if (root == 0) {
                return Transition.done(null);
            }
            page = root;
        }
        IOResult<byte[]> r = tree.store.read(page);
        if (r.isIo()) return Transition.from(r);
        byte[] img = r.value();
        NodeLayout.checkHeader(img, tree.usable, page);
        if (NodeLayout.isLeaf(img)) {
            int i = NodeLayout.checkedSearch(img, key, tree.usable, page);
            return Transition.done(i < 0 ? null : NodeLayout.value(img, i));
        }
        if (++depth >= BTree.MAX_DEPTH) {
            throw new IllegalStateException("tree deeper than " + BTree.MAX_DEPTH + " levels at page " + page);
        }
        int child = NodeLayout.checkedChildFor(img, key, tree.usable, page);
        if (child < 2) {
            throw new MalformedPageException("page " + page + " has invalid child page " + child);
        }
        page = child;
        return tree.yieldOr(BTreeYieldPoint.PAGE_LOADED);
    }
}
